import { withCommandErrors, type AppContext, type FeatureHandlers } from '../app-context'

type RemoteMethods = 'remote.status' | 'remote.pair' | 'remote.unpair'

/** The trainer's phone as a remote: pairing codes, who is paired, unpairing (RemoteControl). */
export function remoteHandlers({ remote }: AppContext): FeatureHandlers<RemoteMethods> {
  return {
    'remote.status': ({ sessionId }) => withCommandErrors(() => remote.status(sessionId)),
    'remote.pair': ({ sessionId, another }) => withCommandErrors(() => remote.pair(sessionId, another)),
    'remote.unpair': ({ sessionId }) => withCommandErrors(() => remote.unpair(sessionId))
  }
}
