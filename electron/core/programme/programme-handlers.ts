import type { AppContext, FeatureHandlers } from '../app-context'
import { ApiError } from '../api/dispatch'
import { reasonOf, userMessage } from '../../shared/i18n/user-message'
import { testConnection } from './connection'
import { pullSummaries } from './pull'
import { settingsProblem, type ProgrammeSettings } from './settings'

type ProgrammeMethods = 'programme.get' | 'programme.save' | 'programme.test' | 'programme.sync' | 'programme.pull'

/** Settings → Programme server, the trainer's sync and the coordinator's pull. */
export function programmeHandlers(ctx: AppContext): FeatureHandlers<ProgrammeMethods> {
  const view = async () => {
    await ctx.programme.sync.countPending() // before the first sync, the pending count is right too
    return {
      settings: ctx.programme.file.data.settings,
      hasPassword: (await ctx.programme.secrets.load()) !== null,
      secretStore: ctx.programme.secrets.kind,
      status: ctx.programme.sync.status()
    }
  }
  /**
   * The password typed, or the one kept, but the kept one only for the server and user it was saved for:
   * a test against another address never sends it there.
   */
  const passwordFor = async (settings: ProgrammeSettings, given?: string) => {
    if (given) return given
    const saved = ctx.programme.file.data.settings
    const same = saved !== null && saved.url === settings.url && saved.user === settings.user
    return same ? ((await ctx.programme.secrets.load()) ?? '') : ''
  }
  const saved = (): ProgrammeSettings => {
    const settings = ctx.programme.file.data.settings
    if (!settings) throw new ApiError('failed', userMessage('programme.status.off'))
    return settings
  }
  return {
    'programme.get': view,
    'programme.save': async ({ settings, password }) => {
      const problem = settingsProblem(settings)
      if (problem) throw new ApiError('failed', problem)
      const before = ctx.programme.file.data.settings
      const moved = before !== null && (before.url !== settings.url || before.user !== settings.user)
      // A kept password goes only to the server and user it was typed for.
      if (password) await ctx.programme.secrets.save(password)
      else if (moved) await ctx.programme.secrets.save(null)
      await ctx.programme.file.update((data) => void (data.settings = settings))
      ctx.programme.sync.request()
      return view()
    },
    'programme.test': async ({ settings, password }) => testConnection(settings, await passwordFor(settings, password)),
    'programme.sync': () => ctx.programme.sync.syncNow(),
    'programme.pull': async () => {
      try {
        const settings = saved()
        return await pullSummaries(settings, await passwordFor(settings), ctx.importedSummaries)
      } catch (error) {
        if (error instanceof ApiError) throw error
        throw new ApiError('failed', reasonOf(error))
      }
    }
  }
}
