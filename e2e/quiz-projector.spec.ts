import type { Browser, BrowserContext, Page } from '@playwright/test'
import { translate, type MessageKey } from '../electron/shared/i18n/translate'
import type { Session } from '../electron/shared/sessions/model'
import type { Block, QuizQuestion } from '../electron/shared/workshops/schema'
import type { RunningHost } from './browser-host'
import { expect, test } from './fixtures'
import { openAudience, startPhones, startSession } from './session-helpers'

const screens = 'test-results/screens'
type Language = 'vi' | 'en'
const sizes = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 }
]

/** What sticks out of the projector page: anything scrolling, or any element of the quiz page outside the window. */
function cutOff(audience: Page): Promise<{ problems: string[]; questionPx: number; optionPx: number }> {
  return audience.evaluate(async () => {
    await document.fonts.ready
    // A resized window is measured again at its next frame (ResizeObserver): look after two frames.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    const problems: string[] = []
    const root = document.documentElement
    const screen = document.querySelector<HTMLElement>('[data-testid="audience"]')!
    const page = document.querySelector<HTMLElement>('[data-testid="quiz-page"], [data-testid="quiz-comparison"]')
    if (!page) return { problems: ['no quiz page on the projector'], questionPx: 0, optionPx: 0 }
    const scrolls = (el: HTMLElement, name: string): void => {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name} overflows: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`)
    }
    scrolls(root, 'the window')
    scrolls(screen, 'the projector screen')
    scrolls(page, 'the quiz page')
    const frame = page.getBoundingClientRect()
    for (const el of page.querySelectorAll('*')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      const outside =
        box.left < Math.max(0, frame.left) - 1 ||
        box.top < Math.max(0, frame.top) - 1 ||
        box.right > Math.min(innerWidth, frame.right) + 1 ||
        box.bottom > Math.min(innerHeight, frame.bottom) + 1
      if (outside)
        problems.push(
          `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}" at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`
        )
    }
    const px = (selector: string): number => {
      const el = page.querySelector(selector)
      return el ? parseFloat(getComputedStyle(el).fontSize) : 0
    }
    return { problems, questionPx: px('.quiz-question'), optionPx: px('.quiz-label') }
  })
}

/** The projector window of a session, opened from the trainer's tab as the presenter's button does. */
async function projectorOf(trainer: Page, sessionId: string): Promise<Page> {
  const [audience] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.evaluate((id) => void window.open(`/#audience=${encodeURIComponent(id)}`, `audience-${id}`), sessionId)
  ])
  await expect(audience.getByTestId('audience')).toBeVisible()
  return audience
}

/** Paper sheets for participants 1–3: in the pre-test only 1 gets everything right, in the post-test all three. */
async function sheets(host: RunningHost, sessionId: string, block: Block, questions: QuizQuestion[]): Promise<void> {
  for (const number of ['1', '2', '3']) {
    const right = block.kind === 'quiz' && (block.role === 'post' || number === '1')
    const values = Object.fromEntries(
      questions.map((q) => [
        q.id,
        right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]
      ])
    )
    await host.call('session.command', {
      id: sessionId,
      command: { type: 'sheetAnswer', blockId: block.id, participantNumber: number, source: 'paper', values }
    })
  }
}

test('every quiz question of every bundled workshop fits the projector at 1280×720 and 1024×768 in Vietnamese and English, open for phones and revealed', async ({
  trainer,
  host
}) => {
  test.setTimeout(480_000)
  await host.call('participants.start', { address: '127.0.0.1' })
  const workshops = await host.call<{ id: string }[]>('library.list')
  expect(workshops.length).toBeGreaterThanOrEqual(3)
  let checked = 0
  let smallest = { questionPx: Infinity, optionPx: Infinity, where: '' }
  for (const workshop of workshops) {
    for (const language of ['vi', 'en'] as Language[]) {
      const t = (key: MessageKey, params = {}): string => translate(language, key, params)
      const started = await host.call<Session>('session.start', {
        workshopId: workshop.id,
        details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language, plannedStart: '08:00' }
      })
      const id = started.id
      const command = (c: Record<string, unknown>): Promise<unknown> => host.call('session.command', { id, command: c })
      const blocks = started.snapshot.manifest.blocks
      const audience = await projectorOf(trainer, id)
      const check = async (what: string, shot: string | null): Promise<void> => {
        for (const size of sizes) {
          await audience.setViewportSize(size)
          const result = await cutOff(audience)
          const where = `${workshop.id} ${language} ${size.width}×${size.height} ${what}`
          expect(result.problems, where).toEqual([])
          if (result.questionPx > 0 && result.questionPx < smallest.questionPx)
            smallest = { questionPx: result.questionPx, optionPx: result.optionPx, where }
          checked++
          if (shot && size.width === 1280)
            await audience.screenshot({ path: `${screens}/${shot}-${language}-1280x720.png` })
        }
      }
      for (const [blockIndex, block] of blocks.entries()) {
        if (block.kind !== 'quiz') continue
        const from = blocks.find((b) => b.id === block.questionsFrom)
        const questions = block.questions ?? (from?.kind === 'quiz' ? (from.questions ?? []) : [])
        await command({ type: 'goto', block: blockIndex, slide: 0 })
        await command({ type: 'pollOpen', blockId: block.id, mode: 'phones' })
        await sheets(host, id, block, questions)
        const shoot = workshop.id === 'community-response-online-exploitation' && block.role === 'pre'
        for (const state of ['open', 'closed'] as const) {
          if (state === 'closed') await command({ type: 'pollClose', blockId: block.id })
          for (const index of questions.keys()) {
            await command({ type: 'goto', block: blockIndex, slide: index })
            await expect(audience.getByTestId('quiz-number')).toHaveText(
              t('quiz.page', { n: index + 1, count: questions.length })
            )
            await expect(audience.getByTestId('quiz-share')).toHaveCount(state === 'closed' ? 1 : 0)
            if (state === 'open') await expect(audience.locator('img.qr')).toBeVisible()
            const shot = shoot && index === 0 ? `quiz-projector-${state === 'open' ? 'question' : 'reveal'}` : null
            await check(`${block.id} question ${index + 1} ${state}`, shot)
          }
        }
        if (block.role === 'post') {
          await command({ type: 'goto', block: blockIndex, slide: questions.length })
          await expect(audience.getByTestId('quiz-comparison')).toBeVisible()
          const shot = workshop.id === 'community-response-online-exploitation' ? 'quiz-projector-comparison' : null
          await check(`${block.id} comparison`, shot)
        }
      }
      await audience.close()
    }
  }
  // 3 workshops × 2 languages × (2 quizzes × 5–6 questions × 2 states + the comparison) × 2 sizes.
  expect(checked).toBeGreaterThan(250)
  test.info().annotations.push({
    type: 'fit',
    description: `${checked} pages checked; smallest question type ${smallest.questionPx.toFixed(1)} px, its options ${smallest.optionPx.toFixed(1)} px (${smallest.where})`
  })
  console.log(test.info().annotations.at(-1)!.description)
})

async function joinPhone(browser: Browser, url: string, code: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.getByRole('button', { name: 'Tham gia' }).click()
  return { context, page }
}

/**
 * A phone answers every question of the quiz `title` (all on one page): right or with the first wrong option.
 * With JavaScript the page follows the open question by itself; without, the participant opens it again.
 */
async function answerQuiz(
  phone: { page: Page; javaScript: boolean },
  title: string,
  questions: QuizQuestion[],
  number: string,
  right: boolean
): Promise<void> {
  if (!phone.javaScript) await phone.page.goto(new URL('/q', phone.page.url()).href)
  await expect(phone.page.locator('h1')).toHaveText(title, { timeout: 15_000 })
  for (const q of questions) {
    const chosen = right ? q.options.filter((o) => o.correct) : [q.options.find((o) => !o.correct)!]
    for (const option of chosen) await phone.page.locator(`input[name="${q.id}"][value="${option.id}"]`).check()
  }
  await phone.page.locator('input[name="pn"]').fill(number)
  await phone.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(phone.page.getByText(/Đã lưu câu trả lời/)).toBeVisible()
}

test('a quiz run with phones: one question at a time on the projector, the answer revealed after closing, and the pre/post comparison after the post-test', async ({
  trainer,
  host,
  browser
}) => {
  test.setTimeout(240_000)
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(trainer)
  const { url, code } = await startPhones(trainer)
  const [entry] = await host.call<{ id: string }[]>('session.list')
  const session = await host.call<Session>('session.get', { id: entry!.id })
  const pre = session.snapshot.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')!
  if (pre.kind !== 'quiz' || !pre.questions) throw new Error('expected a pre-test with its own questions')
  const questions = pre.questions
  const post = session.snapshot.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'post')!
  const n = questions.length
  // Four phones, one of them without JavaScript (the plain form still works).
  const phones: { context: BrowserContext; page: Page; javaScript: boolean }[] = []
  for (let i = 0; i < 4; i++) phones.push({ ...(await joinPhone(browser, url, code, i !== 3)), javaScript: i !== 3 })

  await trainer.locator('.agenda-strip li[data-kind="quiz"] button').first().click()
  await expect(audience.getByTestId('quiz-number')).toHaveText(`Câu 1/${n}`)
  await expect(trainer.getByTestId('quiz-on-projector')).toHaveText(`Đang chiếu: câu 1/${n}`)
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  await expect(audience.locator('img.qr')).toBeVisible()
  await audience.screenshot({ path: `${screens}/quiz-run-question-vi-1280x720.png` })
  // While open: no mark, no explanation anywhere on the projector.
  await expect(audience.getByTestId('quiz-correct')).toHaveCount(0)
  await expect(audience.getByTestId('quiz-explanation')).toHaveCount(0)
  // Pre-test: only the first phone gets everything right.
  for (const [i, phone] of phones.entries()) await answerQuiz(phone, pre.title.vi!, questions, String(i + 1), i === 0)

  // The slide keys page through the questions; the presenter says which one the room sees, and jumps back.
  await trainer.keyboard.press('ArrowRight')
  await expect(audience.getByTestId('quiz-number')).toHaveText(`Câu 2/${n}`)
  await expect(trainer.getByTestId('quiz-on-projector')).toHaveText(`Đang chiếu: câu 2/${n}`)
  await trainer.getByRole('navigation', { name: 'Câu hỏi trên máy chiếu' }).getByRole('button', { name: '1' }).click()
  await expect(audience.getByTestId('quiz-number')).toHaveText(`Câu 1/${n}`)

  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  const rightOptions = questions[0]!.options.filter((o) => o.correct).length
  await expect(audience.getByTestId('quiz-correct')).toHaveCount(rightOptions)
  await expect(audience.getByTestId('quiz-correct').first()).toHaveText('✓ Đáp án đúng')
  await expect(audience.getByTestId('quiz-share')).toHaveText('1 / 4 đúng (25%)')
  if (questions[0]!.explanation) await expect(audience.getByTestId('quiz-explanation')).toBeVisible()
  await expect(audience.getByTestId('quiz-explanation')).not.toContainText('[@')
  await audience.screenshot({ path: `${screens}/quiz-run-reveal-vi-1280x720.png` })
  await trainer.screenshot({ path: `${screens}/quiz-run-presenter-vi-1280x720.png` })

  // Post-test: three of four right; after closing, the page after the last question compares the two.
  await trainer.locator('.agenda-strip li[data-kind="quiz"] button').last().click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  for (const [i, phone] of phones.entries()) await answerQuiz(phone, post.title.vi!, questions, String(i + 1), i < 3)
  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  for (let i = 1; i < n; i++) await trainer.keyboard.press('ArrowRight')
  await expect(audience.getByTestId('quiz-number')).toHaveText(`Câu ${n}/${n}`)
  await trainer.keyboard.press('ArrowRight')
  await expect(audience.getByTestId('quiz-comparison')).toBeVisible()
  await expect(trainer.getByTestId('quiz-on-projector')).toHaveText('Đang chiếu: so sánh trước và sau')
  await expect(audience.getByTestId('mean-before')).toHaveText('25%')
  await expect(audience.getByTestId('mean-after')).toHaveText('75%')
  await expect(audience.getByTestId('matched-gain')).toContainText('4 người')
  await expect(audience.getByTestId('matched-gain')).toContainText('+50')
  expect((await cutOff(audience)).problems).toEqual([])
  await audience.screenshot({ path: `${screens}/quiz-run-comparison-vi-1280x720.png` })
  for (const phone of phones) await phone.context.close()
})
