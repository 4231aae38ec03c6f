import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHost } from '../../scripts/host-process.mjs'
import type { HostProcess } from '../../scripts/host-process.d.mts'
import { hostBuilt, root } from '../testing/host-process'

/**
 * The packaged app carries no node_modules (package.json has no "dependencies"; electron-vite bundles
 * every package into out/main). Proof: the built host is copied with only what electron-builder packs
 * (out/, package.json) and the bundled workshops into a folder that has no node_modules above it, and
 * there it starts and makes the files whose libraries load on first use: Word (docx), Excel
 * (write-excel-file with fflate) and a workshop package (yazl, read back by yauzl).
 */
let app: string
let host: HostProcess

beforeAll(async () => {
  if (!hostBuilt) return
  app = await mkdtemp(join(tmpdir(), 'roundtable-packed-'))
  await cp(join(root, 'out'), join(app, 'out'), { recursive: true })
  await cp(join(root, 'package.json'), join(app, 'package.json'))
  await cp(join(root, 'workshops'), join(app, 'workshops'), { recursive: true })
  host = await startHost({ dataDir: join(app, 'data'), appRoot: app })
}, 30_000)

afterAll(async () => {
  await host?.stop()
  if (app) await rm(app, { recursive: true, force: true })
})

describe.skipIf(!hostBuilt)('the built host without node_modules', () => {
  it('makes a Word and an Excel report from its own bundle', async () => {
    for (const format of ['docx', 'xlsx'] as const) {
      const reply = await host.request('report.export', { language: 'en', format })
      expect(reply.ok, JSON.stringify(reply.error)).toBe(true)
      const file = reply.result.files[0] as { name: string; content: string; base64: boolean }
      expect(file.name.endsWith(`.${format}`)).toBe(true)
      // Both are ZIP files: "PK" first.
      expect(Buffer.from(file.content, 'base64').subarray(0, 2).toString()).toBe('PK')
    }
    expect(host.output()).not.toMatch(/Cannot find (module|package)/)
  })

  it('exports a workshop package and reads it back for the import preview', async () => {
    const workshops = await host.request('library.list')
    // A copy of a bundled workshop: the bundled ones themselves cannot be imported over.
    const copy = await host.request('workshop.duplicate', { id: workshops.result[0].id })
    const id = copy.result.id as string
    const exported = await host.request('workshop.export', { id })
    expect(exported.ok, JSON.stringify(exported.error)).toBe(true)
    const preview = await host.request('workshop.previewImport', exported.result)
    expect(preview.result, JSON.stringify(preview.result)).toMatchObject({
      status: 'ready',
      preview: { id, relation: 'same' }
    })
  })
})
