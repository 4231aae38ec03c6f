import { logDirOf } from './logging/log-file'
import type { AppContext, FeatureHandlers } from './app-context'

/** The app itself: what it is and where its data lives, the settings, and the storage notices. */
export function appHandlers(ctx: AppContext): FeatureHandlers<'app.info' | 'settings.setLanguage' | 'notices.dismiss'> {
  const { options, library } = ctx
  return {
    'app.info': async () => ({
      name: 'Roundtable',
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      logDir: logDirOf(options.dataDir),
      settings: library.data.settings,
      notices: ctx.notices.list()
    }),
    'settings.setLanguage': async ({ language }) => {
      await library.update((data) => {
        data.settings.language = language
      })
      ctx.emit({ type: 'settings', settings: library.data.settings })
      return library.data.settings
    },
    'notices.dismiss': async ({ id }) => ctx.notices.dismiss(id)
  }
}
