import { withCommandErrors, type AppContext, type FeatureHandlers } from '../app-context'
import { ApiError } from '../api/dispatch'
import { userMessage } from '../../shared/i18n/user-message'
import { paperDocument } from '../workshops/paper-document'

type SessionMethods =
  'session.start' | 'session.list' | 'session.get' | 'session.command' | 'session.audience' | 'session.print'

/** Running a session: start it from a workshop, send the trainer's commands, read it back, print its sheets. */
export function sessionHandlers({ workshops, sessions, phones }: AppContext): FeatureHandlers<SessionMethods> {
  return {
    'session.start': async ({ workshopId, details }) => {
      const detail = await workshops.get(workshopId)
      if (!detail?.manifest || !detail.summary.version || !detail.summary.title) {
        throw new ApiError('not-found', userMessage('error.workshop-invalid', { id: workshopId }))
      }
      // A session runs in one of its workshop's languages (a Vietnamese-only workshop has no English texts).
      if (!detail.manifest.languages.includes(details.language)) {
        throw new ApiError(
          'failed',
          userMessage('error.session-language-not-in-workshop', {
            language: details.language,
            languages: detail.manifest.languages.join(', ')
          })
        )
      }
      const session = await sessions.start(
        { id: workshopId, title: detail.summary.title },
        { manifest: detail.manifest, slides: detail.slides },
        details
      )
      await phones.followActiveSession()
      return session
    },
    'session.list': async () => sessions.list(),
    'session.get': ({ id }) => withCommandErrors(() => sessions.getWithImages(id)),
    'session.command': ({ id, command }) =>
      withCommandErrors(async () => {
        const { session, saved } = await sessions.command(id, command)
        await phones.followActiveSession()
        const { snapshot: _snapshot, ...live } = session
        return { live, saved }
      }),
    'session.audience': ({ id }) => withCommandErrors(async () => sessions.audience(await sessions.get(id))),
    'session.print': ({ id, document, language, participants, polls }) =>
      withCommandErrors(async () => {
        const session = await sessions.get(id)
        return paperDocument(session.workshop.id, session.snapshot.manifest, document, language, {
          participants,
          polls
        })
      })
  }
}
