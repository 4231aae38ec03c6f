import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../api/contract'
import { dispatch } from '../api/dispatch'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { createAppCore, type AppCore } from '../app-core'
import type { CrossSessionReport } from './cross-session'
import { readDocxBuffer, readXlsxBuffer } from '../../testing/office-readers'

let core: AppCore
let dataDir: string
const call = (method: string, args: unknown): Promise<ApiReply> => dispatch(core.handlers, method, args)
const result = async <T>(method: string, args: unknown): Promise<T> => {
  const reply = await call(method, args)
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
  return reply.result as T
}

beforeAll(async () => {
  const options = await bundledCoreOptions('report')
  dataDir = options.dataDir
  core = await createAppCore(options)
  // One session run here (7 people), and its own JSON summary imported back: it must count once.
  const session = await result<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: sessionDetails({ date: '2026-11-02', trainer: 'Chị Lan', plannedStart: '08:30' })
  })
  for (const [sex, ageGroup, count] of [
    ['female', '25-59', 4],
    ['male', '18-24', 3]
  ] as const) {
    await result('session.command', { id: session.id, command: { type: 'attendanceSet', sex, ageGroup, count } })
  }
  const exported = await result<{ files: { content: string }[] }>('session.export', {
    id: session.id,
    language: 'en',
    format: 'json'
  })
  expect(await result('summary.import', { fileName: 'own.json', text: exported.files[0]!.content })).toMatchObject({
    ok: true
  })
})
afterAll(async () => {
  await core?.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('report.build and report.export', () => {
  it('count a session run here once, even when its summary was imported too', async () => {
    const { report, workshops } = await result<{ report: CrossSessionReport; workshops: { id: string }[] }>(
      'report.build',
      {
        language: 'vi'
      }
    )
    expect(report.totals).toMatchObject({ sessions: 1, localSessions: 1, importedSessions: 0, participants: 7 })
    expect(report.attendance.columnTotals).toEqual([0, 3, 4, 0])
    expect(workshops.map((w) => w.id)).toEqual(['conference-briefing'])
    const outside = await result<{ report: CrossSessionReport }>('report.build', { language: 'vi', from: '2026-12-01' })
    expect(outside.report.totals.sessions).toBe(0)
  })

  it('export every format, CSV as one ZIP, Word and Excel in base64', async () => {
    for (const format of ['html', 'markdown', 'json', 'csv', 'docx', 'xlsx'] as const) {
      const { files } = await result<{ files: { name: string; base64: boolean }[] }>('report.export', {
        language: 'en',
        workshopId: 'conference-briefing',
        format
      })
      expect(files).toHaveLength(1)
      expect(files[0]!.name).toMatch(
        /^bao-cao-tong-hop-conference-briefing-en(\.html|\.md|\.json|-csv\.zip|\.docx|\.xlsx)$/
      )
      expect(files[0]!.base64).toBe(['csv', 'docx', 'xlsx'].includes(format))
    }
  })

  it('export Word and Excel files that other libraries read back with the same numbers', async () => {
    const saved = async (format: 'docx' | 'xlsx'): Promise<Buffer> => {
      const { files } = await result<{ files: { name: string; content: string }[] }>('report.export', {
        language: 'vi',
        format
      })
      const path = join(dataDir, files[0]!.name)
      await writeFile(path, Buffer.from(files[0]!.content, 'base64'))
      return readFile(path)
    }
    // 7 people: 4 women aged 25–59 and 3 men aged 18–24.
    const { tables } = await readDocxBuffer(await saved('docx'))
    expect(tables[1]).toContainEqual(['Tổng số người tham dự', '7'])
    expect(tables[2]!.at(-1)).toEqual(['Tổng', '0', '3', '4', '0', '7'])
    const { sheets } = await readXlsxBuffer(await saved('xlsx'))
    expect([...sheets.keys()]).toEqual(['Số liệu chính', 'Điểm danh', 'Các buổi đã tổ chức', 'Theo hội thảo'])
    expect(sheets.get('Số liệu chính')).toContainEqual(['Tổng số người tham dự', 7])
    expect(sheets.get('Điểm danh')!.at(-1)).toEqual(['Tổng', 0, 3, 4, 0, 7])
    expect(sheets.get('Các buổi đã tổ chức')![1]![8]).toBe(7)
  })

  it('refuse bad arguments with a clear reason', async () => {
    const refused = async (args: unknown): Promise<string> => {
      const reply = await call('report.build', args)
      expect(reply.ok).toBe(false)
      return reply.ok ? '' : `${reply.error.code}: ${reply.error.message}`
    }
    expect(await refused({ language: 'vi', from: '2026-13' })).toMatch(/^invalid-arguments: from: a date as YYYY-MM-DD/)
    expect(await refused({ language: 'vi', from: '2026-12-01', to: '2026-11-01' })).toMatch(
      /to: the "from" date is after the "to" date/
    )
    expect(await refused({ language: 'vi', workshopId: '../etc' })).toMatch(/^invalid-arguments: workshopId/)
    expect(await refused({ language: 'fr' })).toMatch(/^invalid-arguments: language/)
    expect(await refused({ language: 'vi', extra: 1 })).toMatch(/^invalid-arguments/)
    const badFormat = await call('report.export', { language: 'vi', format: 'pdf' })
    expect(badFormat.ok).toBe(false)
  })
})
