import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** Lints a made-up file at a path in a layer; returns the messages of the import rules. */
async function importErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() })
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => /restricted-imports/.test(m.ruleId ?? '')).map((m) => m.message)
}

describe('layers the linter enforces', () => {
  it('keeps Node built-ins and every other layer out of electron/shared', async () => {
    const errors = await importErrors(
      'electron/shared/sessions/probe.ts',
      "import { readFileSync } from 'node:fs'\nimport { createAppCore } from '../../core/app-core'\nexport const x = [readFileSync, createAppCore]\n"
    )
    expect(errors).toHaveLength(2)
  })

  it('lets the renderer take values only from electron/shared, and types from the API contract', async () => {
    const errors = await importErrors(
      'renderer/src/lib/probe.ts',
      [
        "import { createAppCore } from '../../../electron/core/app-core'",
        "import type { AppInfo } from '../../../electron/core/api/contract'",
        "import { applyCommand } from '../../../electron/shared/sessions/commands'",
        'export const x: [unknown, AppInfo | null] = [[createAppCore, applyCommand], null]',
        ''
      ].join('\n')
    )
    expect(errors).toEqual([expect.stringContaining('values only from electron/shared')])
  })

  it('keeps the hosts out of the core and the browser-mode host out of Electron main', async () => {
    const host = "import { startBrowserHost } from '../server/browser-host'\nexport const x = startBrowserHost\n"
    expect(await importErrors('electron/core/probe.ts', host)).toHaveLength(1)
    expect(await importErrors('electron/main/probe.ts', host)).toHaveLength(1)
  })

  it('keeps test helpers out of production code', async () => {
    const helper = "import { bundledSnapshot } from '../testing/bundled-snapshot'\nexport const x = bundledSnapshot\n"
    expect(await importErrors('electron/server/probe.ts', helper)).toHaveLength(1)
    expect(await importErrors('electron/server/probe.test.ts', helper)).toHaveLength(0)
  })
})
