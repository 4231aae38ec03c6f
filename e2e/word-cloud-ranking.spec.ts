import type { Browser, BrowserContext, Page } from '@playwright/test'
import { en } from '../electron/shared/i18n/en'
import { vi } from '../electron/shared/i18n/vi'
import { message } from '../electron/server/participants/messages'
import { expect, test } from './fixtures'

const screens = 'test-results/screens'
type Language = 'vi' | 'en'
type Catalogue = typeof vi | typeof en
const catalogue = (language: Language): Catalogue => (language === 'vi' ? vi : en)
/** The projector's mean points, with the language's decimal comma or point ("3,5 điểm trung bình"). */
const meanPoints = (language: Language, value: string): string =>
  catalogue(language)['audience.ranking.meanPoints'].replace(
    '{value}',
    language === 'vi' ? value.replace('.', ',') : value
  )

/** A session of a bundled workshop in `language`, on the presenter, with the projector open and phones on. */
async function runSession(
  trainer: Page,
  host: { call: <T>(method: string, args?: unknown) => Promise<T> },
  workshopId: string,
  language: Language
): Promise<{ audience: Page; url: string; code: string; sessionId: string; blocks: { id: string }[] }> {
  const t = catalogue(language)
  await host.call('settings.setLanguage', { language })
  const session = await host.call<{ id: string; snapshot: { manifest: { blocks: { id: string; type?: string }[] } } }>(
    'session.start',
    {
      workshopId,
      details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language, plannedStart: '08:30' }
    }
  )
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await trainer.reload()
  await trainer.getByRole('button', { name: t['session.continue'] }).first().click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  const [audience] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: t['presenter.openAudience'] }).click()
  ])
  await audience.setViewportSize({ width: 1280, height: 720 })
  // Phones over loopback only (tests never send traffic beyond this machine).
  await trainer.locator('summary', { hasText: t['phones.title'] }).click()
  await trainer.getByLabel(t['phones.interface']).selectOption({ value: '127.0.0.1' })
  await trainer.getByRole('button', { name: t['phones.start'] }).click()
  const status = (): Promise<{ url: string | null; code: string }> => host.call('participants.status')
  await expect.poll(async () => (await status()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  const { url, code } = await status()
  return { audience, url: url!, code, sessionId: session.id, blocks: session.snapshot.manifest.blocks }
}

/** Goes to a poll and opens it for phones from the presenter. */
async function openPollForPhones(
  trainer: Page,
  host: { call: <T>(method: string, args?: unknown) => Promise<T> },
  language: Language,
  session: { sessionId: string; blocks: { id: string }[] },
  blockId: string
): Promise<void> {
  const t = catalogue(language)
  const block = session.blocks.findIndex((b) => b.id === blockId)
  await host.call('session.command', { id: session.sessionId, command: { type: 'goto', block, slide: 0 } })
  await trainer.getByRole('button', { name: `${t['poll.open']} · ${t['poll.mode.phones']}` }).click()
}

async function joinPhone(browser: Browser, url: string, code: string, javaScriptEnabled = true): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled
  })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.locator('form[action="/join"] button').click()
  await expect(page.locator('form#f')).toBeVisible()
  return page
}

for (const language of ['vi', 'en'] as const) {
  test(`word cloud: phones with and without JavaScript send whole entries, the projector shows only approved words (${language})`, async ({
    trainer,
    host,
    browser
  }) => {
    test.setTimeout(120_000)
    const t = catalogue(language)
    const session = await runSession(trainer, host, 'parents-teachers-online-safety', language)
    const { audience, url, code } = session
    await openPollForPhones(trainer, host, language, session, 'words-safe-online')

    const entries = ['Lắng nghe  con', 'lắng nghe con', 'má', '<b>tin</b><img src=x onerror=__pwned=1>']
    for (const entry of entries) {
      const phone = await joinPhone(browser, url, code)
      await phone.locator('input[name="words-safe-online"]').fill(entry)
      await phone.locator('form#f button[type="submit"]').click()
      // The saved sentence, not the notice's class: while sending it already reads 'n', and closing then loses the answer.
      await expect(phone.locator('#s')).toHaveText(message(language, 'answer.saved'))
      if (entry === 'má') await phone.screenshot({ path: `${screens}/phone-words-${language}-360x740.png` })
      await phone.context().close()
    }
    // Without JavaScript: the plain form, answered by a full page load.
    const plain = await joinPhone(browser, url, code, false)
    await plain.locator('input[name="words-safe-online"]').fill('ma')
    await plain.locator('form#f button[type="submit"]').click()
    await expect(plain).toHaveURL(/\/q\?saved=1$/)
    await plain.context().close()

    // Nothing on the projector before review; the presenter sees each distinct word with its counts.
    const words = audience.getByTestId('audience-words')
    await expect(words).toContainText(t['audience.words.none'])
    const review = trainer.getByTestId('word-review').locator('li')
    await expect(review).toHaveCount(4)
    await expect(review.first()).toContainText('lắng nghe con')
    await expect(review.first()).toContainText(t['words.counts'].replace('{approved}', '0').replace('{received}', '2'))

    // Approve a whole word, then the one "má" entry: "ma" and the markup stay off the projector.
    const word = (text: string) => review.filter({ has: trainer.locator('.word').getByText(text, { exact: true }) })
    await word('lắng nghe con').getByRole('button', { name: t['words.approveAll'] }).click()
    await word(entries[3]!).getByRole('button', { name: t['words.approveAll'] }).click()
    await word('má').getByRole('button', { name: t['words.approveAll'] }).click()
    const list = audience.getByTestId('audience-word-list').locator('li')
    await expect(list).toHaveCount(3)
    await expect(list.nth(0)).toHaveText('lắng nghe con — 2')
    await expect(list.filter({ hasText: /^ma —/ })).toHaveCount(0)
    await expect(list.filter({ hasText: 'má — 1' })).toHaveCount(1)
    await expect(list.filter({ hasText: `${entries[3]} — 1` })).toHaveCount(1)
    expect(await audience.locator('[data-testid="audience-words"] b, [data-testid="audience-words"] img').count()).toBe(
      0
    )
    expect(await audience.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    await audience.screenshot({ path: `${screens}/audience-words-${language}-1280x720.png` })
    await trainer.screenshot({ path: `${screens}/presenter-words-${language}-1280x720.png` })
    await audience.setViewportSize({ width: 360, height: 740 })
    await audience.screenshot({ path: `${screens}/audience-words-${language}-360x740.png` })
    await trainer.setViewportSize({ width: 360, height: 740 })
    await trainer.screenshot({ path: `${screens}/presenter-words-${language}-360x740.png`, fullPage: true })
  })

  test(`ranking by points: phones with and without JavaScript, checked sums, mean points on the projector (${language})`, async ({
    trainer,
    host,
    browser
  }) => {
    test.setTimeout(120_000)
    const t = catalogue(language)
    const session = await runSession(trainer, host, 'conference-briefing', language)
    const { audience, url, code } = session
    await openPollForPhones(trainer, host, language, session, 'rank-five-actions')

    const points = async (phone: Page, values: Record<string, string>): Promise<void> => {
      for (const [option, value] of Object.entries(values))
        await phone.locator(`input[name="rank-five-actions:${option}"]`).fill(value)
      await phone.locator('form#f button[type="submit"]').click()
    }
    const phone = await joinPhone(browser, url, code)
    // The script counts the points left as they are typed.
    await phone.locator('input[name="rank-five-actions:laws"]').fill('4')
    await expect(phone.locator('#r')).toHaveText(
      (language === 'vi' ? 'Còn lại: {n} điểm' : 'Left: {n} points').replace('{n}', '6')
    )
    await points(phone, { laws: '4', cooperation: '4', parents: '3' })
    await expect(phone.locator('#s')).toHaveClass('n e')
    // The refusal says what to fix: the points must add up to the poll's total.
    await expect(phone.locator('#s')).toContainText(language === 'vi' ? 'đúng bằng 10' : 'exactly 10')
    await points(phone, { laws: '4', cooperation: '4', parents: '2' })
    await expect(phone.locator('#s')).toHaveText(message(language, 'answer.saved'))
    await phone.screenshot({ path: `${screens}/phone-ranking-${language}-360x740.png`, fullPage: true })
    await phone.context().close()

    const plain = await joinPhone(browser, url, code, false)
    await points(plain, { parents: '5', 'reporting-support': '5' })
    await expect(plain).toHaveURL(/\/q\?saved=1$/)
    await plain.context().close()

    // laws 4/2 = 2; cooperation 4/2 = 2; parents (2+5)/2 = 3.5; reporting-support 5/2 = 2.5; community-media 0.
    const values = audience.getByTestId('ranking-value')
    await expect(values).toHaveCount(5)
    await expect(values.nth(0)).toHaveText(meanPoints(language, '3.5'))
    await expect(values.nth(1)).toHaveText(meanPoints(language, '2.5'))
    await expect(values.nth(4)).toHaveText(meanPoints(language, '0'))
    await expect(trainer.getByTestId('ranking-results')).toContainText(language === 'vi' ? '3,5' : '3.5')
    await expect(trainer.getByTestId('poll-respondents')).toContainText('2')
    await audience.screenshot({ path: `${screens}/audience-ranking-${language}-1280x720.png` })
    await trainer.screenshot({ path: `${screens}/presenter-ranking-${language}-1280x720.png` })
    await audience.setViewportSize({ width: 360, height: 740 })
    await audience.screenshot({ path: `${screens}/audience-ranking-${language}-360x740.png` })
    await trainer.getByRole('button', { name: t['poll.close'] }).click()
  })
}

for (const language of ['vi', 'en'] as const) {
  test(`ranking by hand and from paper: dots typed on the presenter and a paper sheet reach the projector's means (${language})`, async ({
    trainer,
    host
  }) => {
    test.setTimeout(120_000)
    const t = catalogue(language)
    const session = await runSession(trainer, host, 'conference-briefing', language)
    const block = session.blocks.findIndex((b) => b.id === 'rank-five-actions')
    await host.call('session.command', { id: session.sessionId, command: { type: 'goto', block, slide: 0 } })
    await trainer.getByRole('button', { name: `${t['poll.open']} · ${t['poll.mode.tally']}` }).click()

    // Two people placed 10 dots each: parents 12, laws 8 (the people are the dots ÷ 10).
    const dots = (label: string): ReturnType<Page['getByLabel']> => trainer.getByLabel(`${label}: ${t['ranking.dots']}`)
    const parents =
      language === 'vi'
        ? '(3) Nâng cao nhận thức của cha mẹ, người giám hộ'
        : "(3) Raising parents' and guardians' awareness"
    const laws = language === 'vi' ? '(1) Điều chỉnh chính sách, pháp luật' : '(1) Adapting laws and policies'
    await dots(parents).fill('12')
    await dots(laws).fill('8')
    const values = session.audience.getByTestId('ranking-value')
    await expect(values.nth(0)).toHaveText(meanPoints(language, '6'))
    await trainer.screenshot({ path: `${screens}/presenter-ranking-tally-${language}-1280x720.png`, fullPage: true })

    // One paper sheet: 10 points on reporting and support; three people now.
    await trainer.getByRole('button', { name: t['paper.entry.open'] }).click()
    const sheets = trainer.getByTestId('ranking-sheets')
    await sheets.getByLabel(t['paper.entry.number']).fill('7')
    const reporting =
      language === 'vi'
        ? '(5) Cơ chế xác định, báo cáo hành vi quấy rối tình dục và hỗ trợ nạn nhân'
        : '(5) Mechanisms to identify and report sexual harassment and support victims'
    await sheets.getByLabel(reporting).fill('9')
    await sheets.getByRole('button', { name: t['paper.ranking.save'] }).click()
    await expect(sheets.getByRole('alert')).toBeVisible()
    await sheets.getByLabel(reporting).fill('10')
    await sheets.getByRole('button', { name: t['paper.ranking.save'] }).click()
    await expect(sheets.getByRole('status')).toHaveText(t['paper.saved'].replace('{number}', '7'))
    await expect(sheets.locator('li')).toHaveCount(1)
    await trainer.screenshot({ path: `${screens}/paper-ranking-${language}-1280x720.png`, fullPage: true })
    await trainer.setViewportSize({ width: 360, height: 740 })
    await trainer.screenshot({ path: `${screens}/paper-ranking-${language}-360x740.png`, fullPage: true })

    // parents 12/3 = 4.0; reporting 10/3 = 3.3; laws 8/3 = 2.7.
    await expect(values.nth(0)).toHaveText(meanPoints(language, '4'))
    await expect(values.nth(1)).toHaveText(meanPoints(language, '3.3'))
    await expect(values.nth(2)).toHaveText(meanPoints(language, '2.7'))
  })
}

test('the editor shows the points of a ranking poll and switches it to ordering all the options', async ({
  trainer
}) => {
  test.setTimeout(90_000)
  await trainer.locator('.card', { hasText: 'Tóm tắt hai hội nghị' }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  await expect(trainer.getByTestId('editor')).toBeVisible()
  const row = trainer.getByTestId('builder-row').filter({ hasText: 'Xếp hạng: ưu tiên nào cho năm tới?' })
  await row.locator('.row-select').click()
  const mode = trainer.getByTestId('ranking-mode')
  await expect(mode).toHaveValue('points')
  await expect(trainer.getByLabel('Tổng số điểm mỗi người')).toHaveValue('10')
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await mode.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/editor-ranking-vi-1280x720.png` })
  await mode.selectOption('order')
  await expect(trainer.getByLabel('Tổng số điểm mỗi người')).toHaveCount(0)
  await expect(trainer.getByText('Đã lưu')).toBeVisible()
  await trainer.setViewportSize({ width: 360, height: 740 })
  await mode.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/editor-ranking-vi-360x740.png` })
})
