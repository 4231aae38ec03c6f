import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { folderReader, loadWorkshop } from '../electron/core/workshops/loader'
import type { QuizQuestion } from '../electron/shared/workshops/schema'
import { expect, test } from './fixtures'
import { startPhones, startSession } from './session-helpers'

// These tests read the printed documents in the print tab: their host has no Chromium to make PDFs with
// (browser mode then opens the tab, as it did before PDFs; e2e/summary-pdf.spec.ts covers the PDF itself).
test.use({ hostEnv: { ROUNDTABLE_CHROMIUM: '/nonexistent/chromium' } })

const screens = 'test-results/screens'
const WORKSHOP = 'community-response-online-exploitation'
const TITLE = 'Cộng đồng cùng hành động'

/** The workshop's questions and answer keys, read from the package itself (not through the app). */
async function answerKeys(): Promise<{
  questions: QuizQuestion[]
  passMark: number
  blockIds: { pre: string; post: string }
}> {
  const loaded = await loadWorkshop(folderReader(resolve(import.meta.dirname, '..', 'workshops', WORKSHOP)))
  if (!loaded.ok) throw new Error('the bundled workshop does not load')
  const pre = loaded.workshop.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')
  if (pre?.kind !== 'quiz' || !pre.questions) throw new Error('no pre-test with questions')
  const post = loaded.workshop.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'post')!
  return { questions: pre.questions, passMark: pre.passMarkPercent, blockIds: { pre: pre.id, post: post.id } }
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Sheet {
  number: string
  typed: string
  letters: string[]
}
const letterOf = (index: number): string => String.fromCharCode(65 + index)

/** One person's answers as letters: right with the given chance, else wrong, sometimes blank. */
function answers(questions: QuizQuestion[], chance: number, next: () => number): string[] {
  return questions.map((q) => {
    const right = q.options.flatMap((o, i) => (o.correct ? [letterOf(i)] : []))
    const roll = next()
    if (roll < 0.04) return ''
    if (roll < 0.04 + chance) return right.join('')
    const wrong = q.options.flatMap((o, i) => (o.correct ? [] : [letterOf(i)]))
    if (!q.multiple) return wrong[Math.floor(next() * wrong.length)]!
    // A near miss: one right answer missing, or a wrong one added.
    return right.length > 1 && next() < 0.5 ? right.slice(1).join('') : [...right, wrong[0]!].sort().join('')
  })
}

/** The keys for one sheet: number, Enter, a letter per single answer (moves on by itself), letters + Space per multiple one, Enter. */
function keysOf(questions: QuizQuestion[], number: string, letters: string[]): string[] {
  const keys = [...number, 'Enter']
  letters.forEach((chosen, i) => {
    const isLast = i === questions.length - 1
    if (questions[i]!.multiple) {
      keys.push(...chosen)
      if (!isLast) keys.push(' ')
    } else keys.push(chosen === '' ? ' ' : chosen)
  })
  // A blank last question needs no key: Enter saves from wherever the cursor is.
  if (letters.at(-1) === '' && !questions.at(-1)!.multiple) keys.pop()
  keys.push('Enter')
  return keys
}

async function typeSheets(trainer: Page, sheets: { keys: string[] }[]): Promise<{ keys: number; ms: number }> {
  const started = Date.now()
  let keys = 0
  for (const sheet of sheets) {
    for (const key of sheet.keys) await trainer.keyboard.press(key === ' ' ? 'Space' : key)
    keys += sheet.keys.length
  }
  return { keys, ms: Date.now() - started }
}

const score = (questions: QuizQuestion[], letters: string[]): number =>
  (questions.filter((q, i) => {
    const right = q.options.flatMap((o, k) => (o.correct ? [letterOf(k)] : [])).join('')
    return letters[i] !== '' && letters[i] === right
  }).length /
    questions.length) *
  100

test('20 paper sheets for the pre-test (during the session) and the post-test (after it), typed in with no phones, give the summary the figures an independent calculation gives', async ({
  trainer,
  host
}) => {
  test.setTimeout(180_000)
  const { questions, passMark, blockIds } = await answerKeys()
  const next = random(2026)
  const pre: Sheet[] = Array.from({ length: 20 }, (_, i) => ({
    number: String(i + 1),
    typed: String(i + 1),
    letters: answers(questions, 0.5, next)
  }))
  // After the break: 18 of the same people (some write their number with a leading zero) and two newcomers.
  const postNumbers = [...Array.from({ length: 18 }, (_, i) => i + 1).reverse(), 21, 22]
  const post: Sheet[] = postNumbers.map((n) => ({
    number: String(n),
    typed: n < 10 && n % 3 === 0 ? `0${n}` : String(n),
    letters: answers(questions, 0.85, next)
  }))
  for (const sheet of [...pre, ...post]) {
    if (!sheet.letters.some((l) => l !== '')) sheet.letters[0] = 'A'
  }

  await startSession(trainer, TITLE)
  // From the presenter on the pre-test: the entry opens on it.
  await trainer.locator('.agenda-strip li[data-kind="quiz"] button').first().click()
  await trainer.getByRole('button', { name: 'Nhập phiếu giấy' }).click()
  await expect(trainer.getByTestId('paper-entry')).toBeVisible()
  await expect(trainer.getByLabel('Bài')).toHaveValue(blockIds.pre)
  const grid = trainer.getByTestId('entry-grid')
  await expect(grid).toBeFocused()

  const measured: { keys: number; ms: number }[] = []
  async function typeIn(blockId: string, sheets: Sheet[]): Promise<void> {
    await trainer.getByLabel('Bài').selectOption(blockId)
    await expect(grid).toBeFocused()
    measured.push(
      await typeSheets(
        trainer,
        sheets.map((s) => ({ keys: keysOf(questions, s.typed, s.letters) }))
      )
    )
    await expect(trainer.getByTestId('entry-count')).toHaveText('Số phiếu đã nhập: 20')
    // Every row as typed: letters per question and the score.
    for (const sheet of sheets) {
      const row = trainer.locator(`tr[data-number="${sheet.number}"]`)
      const correct = Math.round((score(questions, sheet.letters) / 100) * questions.length)
      await expect(row).toContainText(`${correct}/${questions.length}`)
      expect((await row.locator('td').allInnerTexts()).slice(0, questions.length)).toEqual(sheet.letters)
    }
  }
  // The pre-test during the session, from the presenter.
  await typeIn(blockIds.pre, pre)
  // The post-test after the session has finished, from its summary.
  await trainer.getByRole('button', { name: '← Quay lại' }).click()
  await trainer.getByRole('button', { name: 'Kết thúc buổi học' }).click()
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  await trainer.getByRole('button', { name: 'Nhập phiếu giấy' }).click()
  await expect(grid).toBeFocused()
  await typeIn(blockIds.post, post)
  await trainer.screenshot({ path: `${screens}/paper-entry-vi-1280x720.png` })
  const keys = measured.reduce((s, m) => s + m.keys, 0) / 40
  const ms = measured.reduce((s, m) => s + m.ms, 0) / 40
  console.log(
    `paper entry: ${keys.toFixed(1)} keys and ${ms.toFixed(0)} ms per participant (${questions.length} questions, ${questions.filter((q) => q.multiple).length} of them multiple-answer)`
  )
  expect(keys).toBeLessThan(16)

  // The summary, as the programme team receives it, against the calculation made here from the answer keys.
  const id = ((await host.call('session.list')) as { id: string }[])[0]!.id
  const exported = (await host.call('session.export', { id, language: 'vi', format: 'json' })) as {
    files: { content: string }[]
  }
  const summary = JSON.parse(exported.files[0]!.content).summary as {
    quizzes: {
      tests: {
        role: string
        respondents: number
        meanScorePercent: number
        masteredPercent: number
        passed: number
        tested: number
        questions: { correctPercent: number }[]
      }[]
      matchedGain: { pairs: number; meanGainPoints: number }
    }
  }
  const round1 = (value: number): number => Math.round(value * 10) / 10
  for (const [role, sheets] of [
    ['pre', pre],
    ['post', post]
  ] as const) {
    const test = summary.quizzes.tests.find((t) => t.role === role)!
    const scores = sheets.map((s) => score(questions, s.letters))
    const passed = scores.filter((s) => s >= passMark).length
    expect(test.respondents).toBe(20)
    expect([test.passed, test.tested]).toEqual([passed, 20])
    expect(test.masteredPercent).toBe(round1((passed / 20) * 100))
    expect(test.meanScorePercent).toBe(round1(scores.reduce((a, b) => a + b, 0) / 20))
    expect(test.questions.map((q) => q.correctPercent)).toEqual(
      questions.map((_, i) =>
        round1((sheets.filter((s) => score([questions[i]!], [s.letters[i]!]) === 100).length / 20) * 100)
      )
    )
  }
  const before = new Map(pre.map((s) => [s.number, score(questions, s.letters)]))
  const gains = post.filter((s) => before.has(s.number)).map((s) => score(questions, s.letters) - before.get(s.number)!)
  expect(gains).toHaveLength(18)
  expect(summary.quizzes.matchedGain).toEqual({
    pairs: 18,
    meanGainPoints: round1(gains.reduce((a, b) => a + b, 0) / 18)
  })

  // Back on the summary screen, it shows the same: % mastered with passed/tested for both tests.
  await trainer.getByRole('button', { name: '← Quay lại' }).click()
  await expect(trainer.getByTestId('summary')).toBeVisible()
  const frame = trainer.frameLocator('iframe.summary-frame')
  for (const test of summary.quizzes.tests) await expect(frame.locator('body')).toContainText(`(${test.passed}/20)`)
  await expect(frame.locator('body')).toContainText('18')
})

test('typing mistakes are said in place, a number typed twice asks before replacing, Ctrl+Z undoes, and a phone that answered differently is shown with the paper row counting', async ({
  trainer,
  browser
}) => {
  test.setTimeout(120_000)
  await startSession(trainer, TITLE)
  const { url, code } = await startPhones(trainer)
  // The pre-test, answered by one phone that gives sign-in number 5.
  await trainer.locator('.agenda-strip li[data-kind="quiz"] button').first().click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const page = await phone.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.getByRole('button', { name: 'Tham gia' }).click()
  // The phone form needs every question answered: A everywhere.
  for (const question of await page.locator('fieldset').all()) await question.locator('input').first().check()
  await page.locator('input[name="pn"]').fill('5')
  await page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(page.getByText('Đã lưu câu trả lời')).toBeVisible()
  await phone.close()

  await trainer.getByRole('button', { name: 'Nhập phiếu giấy' }).click()
  const grid = trainer.getByTestId('entry-grid')
  await expect(grid).toBeFocused()
  const message = trainer.getByTestId('entry-message')
  const count = trainer.getByTestId('entry-count')

  // Number 5 on paper chose B; the phone chose A: the paper row counts, and the screen says so.
  await trainer.keyboard.type('5')
  await trainer.keyboard.press('Enter')
  await trainer.keyboard.type('b')
  await trainer.keyboard.press('Enter')
  await expect(count).toHaveText('Số phiếu đã nhập: 1')
  await expect(trainer.locator('tr[data-number="5"]')).toContainText('điện thoại: A')
  await expect(trainer.getByRole('note')).toContainText('Phiếu giấy được tính')

  // A letter the question does not have; a number too long for the sign-in sheet.
  await trainer.keyboard.type('7')
  await trainer.keyboard.press('Enter')
  await trainer.keyboard.type('e')
  await expect(message).toHaveText('Câu 1 không có đáp án E: chỉ có A–D.')
  await trainer.keyboard.press('Escape')
  await trainer.keyboard.type('1234567890123')
  await expect(message).toContainText('không phải số trên danh sách điểm danh')
  await trainer.keyboard.press('Escape')

  // Number 5 again: asked first; Enter replaces question 1 with C.
  await trainer.keyboard.type('05')
  await trainer.keyboard.press('Enter')
  await expect(message).toHaveText('Số 5 đã có phiếu. Enter: nhập lại và thay phiếu cũ · Esc: gõ số khác.')
  await trainer.screenshot({ path: `${screens}/paper-entry-replace-vi-1280x720.png` })
  await trainer.keyboard.press('Enter')
  await trainer.keyboard.type('c')
  await trainer.keyboard.press('Enter')
  await expect(trainer.locator('tr[data-number="5"] td').first()).toContainText('C')
  await expect(count).toHaveText('Số phiếu đã nhập: 1')

  // Ctrl+Z: row 5 is B again; Ctrl+Z again: it was new, so it goes.
  await trainer.keyboard.press('Control+z')
  await expect(message).toHaveText('Đã hoàn tác: phiếu số 5 trở lại như trước.')
  await expect(trainer.locator('tr[data-number="5"] td').first()).toContainText('B')
  await trainer.keyboard.press('Control+z')
  await expect(message).toHaveText('Đã hoàn tác: đã bỏ phiếu số 5.')
  await expect(count).toHaveText('Số phiếu đã nhập: 0')

  // A row typed under a wrong number is removed with its ✕; Ctrl+Z brings it back.
  await trainer.keyboard.type('9')
  await trainer.keyboard.press('Enter')
  await trainer.keyboard.type('d')
  await trainer.keyboard.press('Enter')
  await expect(count).toHaveText('Số phiếu đã nhập: 1')
  await trainer.getByRole('button', { name: 'Bỏ phiếu số 9' }).click()
  await expect(count).toHaveText('Số phiếu đã nhập: 0')
  await expect(message).toHaveText('Đã bỏ phiếu số 9. Ctrl+Z để lấy lại.')
  await expect(grid).toBeFocused()
  await trainer.keyboard.press('Control+z')
  await expect(trainer.locator('tr[data-number="9"] td').first()).toHaveText('D')
  await trainer.getByRole('button', { name: 'Bỏ phiếu số 9' }).click()
  await expect(count).toHaveText('Số phiếu đã nhập: 0')
  await expect(grid).toBeFocused()

  // A second letter on a single-answer question is refused.
  await trainer.keyboard.type('3')
  await trainer.keyboard.press('Enter')
  await trainer.keyboard.type('a')
  await trainer.keyboard.press('Shift+Tab')
  await trainer.keyboard.type('b')
  await expect(message).toHaveText(/^Câu 1 chỉ chọn một đáp án\./)
  await trainer.keyboard.press('Backspace')
  await trainer.keyboard.type('b')
  await trainer.keyboard.press('Enter')
  await expect(count).toHaveText('Số phiếu đã nhập: 1')
  await trainer.screenshot({ path: `${screens}/paper-entry-errors-vi-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await trainer.screenshot({ path: `${screens}/paper-entry-vi-360x740.png`, fullPage: true })
  expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(trainer.getByRole('heading', { name: 'Typing in paper answer sheets' })).toBeVisible()
  await trainer.screenshot({ path: `${screens}/paper-entry-en-360x740.png`, fullPage: true })
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await trainer.screenshot({ path: `${screens}/paper-entry-en-1280x720.png` })
})

test('answer sheets print from the workshop, whole sheets to each A4 page, and the room sheet from a session', async ({
  trainer,
  browser
}, testInfo) => {
  await trainer.locator('.card', { hasText: TITLE }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByLabel('kèm câu bình chọn').check()
  await trainer.screenshot({ path: `${screens}/workshop-paper-print-vi-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await trainer.getByRole('button', { name: 'Bảng ghi đáp án cả lớp (in / PDF)' }).scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/workshop-paper-print-vi-360x740.png` })
  expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await trainer.setViewportSize({ width: 1280, height: 720 })
  const [sheets] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Phiếu trả lời giấy (in / PDF)' }).click()
  ])
  await sheets.waitForLoadState()
  const pages = await sheets.locator('section.page').count()
  // Two quizzes of 30 sheets at 6 to a page, then the polls with options (more to a page).
  expect(await sheets.locator('section.page').first().locator('.sheet').count()).toBe(6)
  expect(pages).toBeGreaterThan(10)
  await expect(sheets.locator('.sheet').first()).toContainText('Chọn tất cả đáp án đúng')
  await expect(
    sheets.locator('.sheet', { hasText: 'Thăm dò: địa phương mình cần ưu tiên điều gì?' }).first()
  ).toContainText('Chọn tất cả ý phù hợp')
  // Printed, each laid-out page is one A4 page: no sheet spills over.
  const printer = await browser.newPage()
  await printer.setContent(await sheets.content())
  const pdf = await printer.pdf({ path: testInfo.outputPath('answer-sheets.pdf'), preferCSSPageSize: true })
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(pages)
  await printer.close()
  await sheets.close()

  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByLabel('Địa điểm').fill('Hội trường')
  await trainer.getByLabel('Tập huấn viên').fill('Chị Lan')
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await trainer.getByRole('button', { name: 'Nhập phiếu giấy' }).click()
  const [room] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Bảng ghi đáp án cả lớp (in / PDF)' }).click()
  ])
  await room.waitForLoadState()
  await expect(room.locator('section.room')).toHaveCount(2)
  await expect(room.locator('section.room').first().locator('tbody tr')).toHaveCount(30)
  await expect(room.locator('section.room').first().locator('thead th')).toHaveCount(7)
})
