import { withCommandErrors, type AppContext, type FeatureHandlers } from '../app-context'

type ParticipantMethods =
  | 'participants.interfaces'
  | 'participants.status'
  | 'participants.start'
  | 'participants.stop'
  | 'participants.resume'
  | 'participants.sharedAddresses'

/** Participants' phones: the networks to offer, and turning the participant server on and off (PhonesControl). */
export function participantHandlers({ options, phones }: AppContext): FeatureHandlers<ParticipantMethods> {
  return {
    'participants.interfaces': async () => options.participants?.interfaces() ?? [],
    'participants.status': async () => phones.status(),
    'participants.start': ({ address, port }) => phones.start(address, port),
    'participants.stop': () => phones.stop(),
    'participants.resume': ({ sessionId }) => withCommandErrors(() => phones.resume(sessionId)),
    'participants.sharedAddresses': ({ sessionId, on }) =>
      withCommandErrors(() => phones.setSharedAddresses(sessionId, on))
  }
}
