import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '../app-core'
import { bundledCoreOptions, coreCaller, sessionDetails } from '../../testing/bundled-core'
import type { DurableWriteFs } from '../storage/durable-write'
import { ImportedSummaries } from './imported-summaries'
import { parseSummaryJson, summaryToJson } from './json'
import type { SessionSummary } from './schema'

// A real summary exported by a real core, varied into several sessions and corrected exports.
let template: SessionSummary
const folders: string[] = []

beforeAll(async () => {
  const options = await bundledCoreOptions('batch')
  folders.push(options.dataDir)
  const core = await createAppCore(options)
  const call = coreCaller(core.handlers)
  const { id } = await call<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: sessionDetails()
  })
  const files = await call<{ files: { content: string }[] }>('session.export', { id, language: 'vi', format: 'json' })
  template = parseSummaryJson(files.files[0]!.content)
  await core.close()
})
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

async function tempFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-batch-'))
  folders.push(dir)
  return join(dir, 'summaries')
}

const exportOf = (sessionId: string, generatedAt: string, closingRemarks = template.closingRemarks) =>
  summaryToJson({ ...template, sessionId, generatedAt, closingRemarks })

/** Node's file system, recording each folder opened for an fsync. */
function recordingFs(folder: string) {
  const folderSyncs: string[] = []
  const recording: DurableWriteFs = {
    open: (async (path: string, flags?: string) => {
      if (path === folder) folderSyncs.push(path)
      return fs.open(path, flags)
    }) as DurableWriteFs['open'],
    rename: fs.rename,
    unlink: fs.unlink
  }
  return { recording, folderSyncs }
}

describe('a batch import of summaries (the coordinator’s pull, a page at a time)', () => {
  it('checks each, counts each session once, gives the outcomes one-by-one imports give, and syncs the folder once', async () => {
    const texts = [
      exportOf('batch-a', '2026-11-02T10:00:00.000Z'),
      '{"format":"roundtable-summary","version":1,"summary":{"sessionId":"<script>"}}',
      exportOf('batch-b', '2026-11-02T10:00:00.000Z'),
      exportOf('batch-a', '2026-11-03T10:00:00.000Z', 'Đã sửa'),
      exportOf('batch-a', '2026-11-01T10:00:00.000Z', 'Cũ hơn'),
      exportOf('batch-b', '2026-11-02T10:00:00.000Z')
    ]
    const oneByOne = new ImportedSummaries(await tempFolder())
    const expected: string[] = []
    for (const text of texts)
      expected.push(
        await oneByOne.import(text).then(
          (r) => r.outcome,
          () => 'refused'
        )
      )
    expect(expected).toEqual(['imported', 'refused', 'imported', 'updated', 'newer-held', 'already'])

    const folder = await tempFolder()
    const { recording, folderSyncs } = recordingFs(folder)
    const batch = new ImportedSummaries(folder, recording)
    const outcomes = await batch.importBatch(texts)
    expect(outcomes.map((o) => ('outcome' in o ? o.outcome : 'refused'))).toEqual(expected)
    expect(folderSyncs).toHaveLength(process.platform === 'win32' ? 0 : 1)
    expect((await readdir(folder)).sort()).toEqual(['batch-a-vi.json', 'batch-b-vi.json'])
    const held = parseSummaryJson(await readFile(join(folder, 'batch-a-vi.json'), 'utf8'))
    expect(held.closingRemarks).toBe('Đã sửa')
    expect(await batch.summaries()).toHaveLength(2)

    // The next page compares with what the first one stored.
    const next = await batch.importBatch([exportOf('batch-b', '2026-11-02T10:00:00.000Z')])
    expect(next).toMatchObject([{ outcome: 'already' }])
    expect(folderSyncs).toHaveLength(process.platform === 'win32' ? 0 : 1) // nothing written, no fsync
  }, 30_000)
})
