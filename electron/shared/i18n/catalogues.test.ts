import { describe, expect, it } from 'vitest'
import { guideMessages } from '../../core/guides/labels'
import { reportLabels } from '../../core/reports/labels'
import { summaryLabels } from '../../core/summaries/labels'
import type { Catalogue } from './catalogue'
import { helpMessages } from './help-messages'
import { catalogueProblems } from './parity'
import { programmeLabels } from './programme-labels'
import { uiMessages } from './translate'

/**
 * Every catalogue of the core, in Vietnamese and English: the same keys, the same placeholders, complete
 * plural forms, no empty text. (The phone pages' catalogue lives in electron/server, which the core may
 * not import: its own test runs the same check.)
 */
const catalogues: Record<string, Catalogue<string>> = {
  'the app window (i18n/vi.ts, en.ts)': uiMessages,
  'session summaries': summaryLabels,
  'cross-session reports': reportLabels,
  'printed guides and sheets': guideMessages,
  'the app menu and the phones help (i18n/help-messages.ts)': helpMessages,
  'Settings → Programme server (i18n/programme-labels.ts)': programmeLabels
}

describe('every catalogue', () => {
  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`${name}: Vietnamese and English match (keys, placeholders, plural forms, no empty text)`, () => {
      expect(catalogueProblems(catalogue)).toEqual([])
    })
  }
})
