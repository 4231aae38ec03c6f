import { describe, expect, it } from 'vitest'
import { dispatch, type ApiHandlers } from '../../core/api/dispatch'
import { CommandError } from '../sessions/commands'
import { DataFolderBusyError } from '../../core/storage/data-folder-lock'
import { NewerSchemaError } from '../../core/storage/incidents'
import { versionedParser } from '../../core/storage/versioned'
import { parseSummaryJson, SummaryFileError } from '../../core/summaries/json'
import { z } from 'zod'
import { translate } from './translate'
import {
  inBothLanguages,
  jsonSyntaxReason,
  reasonOf,
  translateNested,
  userMessage,
  type UserMessage
} from './user-message'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { folderReader, loadWorkshop } from '../../core/workshops/loader'
import { samplePackage, writePackage } from '../../testing/sample-package'
import { vi } from './vi'

/** Both texts of a message, with every {placeholder} filled and no key missing. */
function bothLanguages(message: UserMessage): { vi: string; en: string } {
  const texts = { vi: translate('vi', message.key, message.params), en: translate('en', message.key, message.params) }
  for (const text of Object.values(texts)) {
    expect(text, message.key).not.toMatch(/⟦|\{\w+\}/)
  }
  expect(texts.vi, message.key).not.toBe(texts.en)
  return texts
}

/** A letter with a Vietnamese diacritic (tone marks decompose to combining marks; đ does not). */
const VIETNAMESE_LETTER = /[\u0300-\u036fđ]/i

describe('messages from the core reach the trainer in both languages', () => {
  it('every reason and error key has Vietnamese with diacritics and the same placeholders in English', () => {
    const keys = Object.keys(vi).filter(
      (key) => key.startsWith('reason.') || key.startsWith('error.')
    ) as (keyof typeof vi)[]
    expect(keys.length).toBeGreaterThan(30)
    for (const key of keys) {
      const params = Object.fromEntries([...vi[key].matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'X']))
      const { vi: text } = bothLanguages(userMessage(key, params))
      expect(text.normalize('NFD'), key).toMatch(VIETNAMESE_LETTER)
    }
  })

  it('a damaged data file says where the JSON breaks as a line and column, not in the parser’s English', () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}'
    let error: unknown
    try {
      JSON.parse(text)
    } catch (e) {
      error = e
    }
    const reason = jsonSyntaxReason(error, text)
    expect(reason).toEqual({ key: 'reason.json-invalid-at', params: { line: 3, column: 7 } })
    expect(bothLanguages(reason)).toEqual({
      vi: 'nội dung không phải JSON hợp lệ (lỗi ở dòng 3, cột 7)',
      en: 'the content is not valid JSON (error at line 3, column 7)'
    })
    // Node 20 names no position for an unexpected token: still a sentence in the UI language.
    expect(jsonSyntaxReason(new SyntaxError('Unexpected token \'x\', "xyz" is not valid JSON'), 'xyz')).toEqual({
      key: 'reason.json-invalid',
      params: {}
    })
    // Cut off mid-write: the error is at the end.
    expect(jsonSyntaxReason(new SyntaxError('Unexpected end of JSON input'), '{"a":\n[1,')).toEqual({
      key: 'reason.json-invalid-at',
      params: { line: 2, column: 4 }
    })
  })

  it('file-system errors become sentences about their code; unknown codes keep the code', () => {
    const failure = (code: string): Error => Object.assign(new Error(`${code}: something, open '/x'`), { code })
    expect(reasonOf(failure('ENOSPC'))).toEqual({ key: 'reason.disk-full', params: { code: 'ENOSPC' } })
    expect(reasonOf(failure('EACCES')).key).toBe('reason.no-permission')
    expect(reasonOf(failure('EROFS')).key).toBe('reason.read-only')
    expect(reasonOf(failure('EIO')).key).toBe('reason.disk-error')
    expect(bothLanguages(reasonOf(failure('EWEIRD'))).vi).toBe('lỗi hệ thống EWEIRD')
    expect(bothLanguages(reasonOf(failure('ENOSPC'))).vi).toBe('ổ đĩa đã đầy')
  })

  it('every way a data file can be refused has its own message', () => {
    const parse = versionedParser(z.object({ schemaVersion: z.literal(2), items: z.array(z.number()) }), 2)
    const refusal = (raw: unknown): UserMessage => {
      try {
        parse(raw)
      } catch (error) {
        return reasonOf(error)
      }
      throw new Error('accepted')
    }
    expect(refusal([1])).toEqual({ key: 'reason.not-an-object', params: {} })
    expect(refusal({ items: [] })).toEqual({ key: 'reason.version-missing', params: {} })
    expect(refusal({ schemaVersion: 1, items: [] })).toEqual({ key: 'reason.no-migration', params: { version: 1 } })
    expect(refusal({ schemaVersion: 2, items: ['x'] })).toEqual({
      key: 'reason.field-invalid',
      params: { field: 'items.0' }
    })
    expect(refusal({ schemaVersion: 7, items: [] })).toEqual({
      key: 'reason.newer-data',
      params: { found: 7, supported: 2 }
    })
    expect(new NewerSchemaError(7, 2).message).toMatch(/newer version/)
  })

  it('session command errors carry a key', () => {
    const error = new CommandError('error.no-option', { option: 'c' })
    expect(bothLanguages(error.reason)).toEqual({ vi: 'không có lựa chọn “c”', en: 'there is no option “c”' })
    expect(error.message).toBe('there is no option “c”')
  })

  it('a refused summary file says why in both languages', () => {
    const reasons = ['x'.repeat(20_000_001), '{"format":', '[1]', '{"format":"roundtable-summary","version":9}'].map(
      (text) => {
        try {
          parseSummaryJson(text)
        } catch (error) {
          expect(error).toBeInstanceOf(SummaryFileError)
          return (error as SummaryFileError).reason
        }
        throw new Error('accepted')
      }
    )
    expect(reasons.map((r) => r.key)).toEqual([
      'reason.summary-too-large',
      'reason.json-invalid-at',
      'reason.summary-not-summary',
      'reason.summary-newer'
    ])
    for (const reason of reasons) bothLanguages(reason)
  })

  it('API refusals carry a reason: unknown method, bad arguments, a handler’s ApiError, an unexpected failure', async () => {
    const handlers = {
      'library.list': async () => {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })
      }
    } as unknown as ApiHandlers
    const unknown = await dispatch(handlers, 'no.such', {})
    const invalid = await dispatch(handlers, 'workshop.get', { id: 'UPPER CASE' })
    const failed = await dispatch(handlers, 'library.list', {})
    const replies = [unknown, invalid, failed]
    expect(replies.map((r) => (r.ok ? null : r.error.reason?.key))).toEqual([
      'error.unknown-method',
      'error.invalid-arguments',
      'reason.disk-error'
    ])
    for (const reply of replies) if (!reply.ok) bothLanguages(reply.error.reason!)
    expect(!invalid.ok && invalid.error.reason?.params).toEqual({ field: 'id' })
  })

  it('a YAML mistake in a workshop says what is wrong in the UI language, with the column, not the parser’s English', async () => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace('version: 1.0.0', 'version: 1.0.0\nversion: 1.0.1')
    const dir = join(await mkdtemp(join(tmpdir(), 'roundtable-yaml-')), 'sample-workshop')
    await writePackage(dir, files)
    const result = await loadWorkshop(folderReader(dir))
    if (result.ok) expect.fail('a duplicate key was accepted')
    const problem = result.problems.find((p) => p.code === 'yaml-syntax')!
    expect(problem).toMatchObject({ line: 4, params: { column: 1, reason: { key: 'reason.yaml-duplicate-key' } } })
    expect(translateNested('vi', 'problem.yaml-syntax', problem.params)).toBe(
      'Lỗi cú pháp YAML ở cột 1: một khoá xuất hiện hai lần.'
    )
    expect(translateNested('en', 'problem.yaml-syntax', problem.params)).toBe(
      'YAML syntax error at column 1: a key appears twice.'
    )
  })

  it('the desktop app’s startup dialog says the data folder is busy in Vietnamese, then English', () => {
    const error = new DataFolderBusyError('/data', 42)
    expect(inBothLanguages(reasonOf(error))).toBe(
      'Bàn Tròn đang chạy với thư mục dữ liệu /data (tiến trình 42); hãy đóng nó trước\n\n' +
        'Roundtable is already running with the data folder /data (process 42); close it first'
    )
  })
})
