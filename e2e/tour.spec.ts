import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { translate, type MessageKey } from '../electron/shared/i18n/translate'
import { message } from '../electron/server/participants/messages'
import { startHost, type RunningHost } from './browser-host'
import { expect, test } from './fixtures'
import { openAudience } from './session-helpers'

/**
 * A new user's walk through every screen, in each language: a screenshot of each (to look at) and,
 * on each, the layout checks a careful designer makes by eye: nothing wider than the window, no
 * text cut off inside a button or label, nothing hanging over the window's edge, and on the
 * participants' phone pages tap targets of at least 44 px.
 */

const screens = 'test-results/screens'
const laptop = { width: 1280, height: 720 }
const phoneSize = { width: 360, height: 740 }
const workshopId = 'community-response-online-exploitation'
type Language = 'vi' | 'en'
const projector = { sizes: [laptop] }
const onPhone = { sizes: [phoneSize], tapTargets: true }

/** What is wrong with the layout of the page as it is now (empty when nothing is). */
function layoutProblems(page: Page, { tapTargets = false } = {}): Promise<string[]> {
  return page.evaluate((tapTargets) => {
    const problems: string[] = []
    const root = document.documentElement
    const describe = (el: Element): string =>
      `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''}> "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`
    const shown = (el: Element): boolean => {
      const box = el.getBoundingClientRect()
      return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden'
    }
    // Inside a scrolling or clipping box, reaching past the window is that box's business (e.g. a wide table that scrolls).
    const insideScroller = (el: Element): boolean => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true
      }
      return false
    }
    if (root.scrollWidth > root.clientWidth)
      problems.push(`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`)
    for (const el of document.querySelectorAll('button, label, summary, a, legend, th, .kind, [role="tab"]')) {
      if (!shown(el) || el.clientWidth === 0) continue
      if (el.scrollWidth > el.clientWidth + 1)
        problems.push(`text cut off in ${describe(el)}: ${el.scrollWidth}px in ${el.clientWidth}px`)
    }
    for (const el of document.querySelectorAll('body *')) {
      if (!shown(el) || insideScroller(el)) continue
      const box = el.getBoundingClientRect()
      if (box.left < -1 || box.right > root.clientWidth + 1)
        problems.push(`${describe(el)} crosses the window's edge (${Math.round(box.left)}–${Math.round(box.right)})`)
    }
    // The bundled fonts have no emoji: one would be a colour picture on one laptop and a box on another.
    const emoji = /\p{Emoji_Presentation}/u.exec(document.body.innerText)
    if (emoji) problems.push(`emoji ${emoji[0]} in the text (no bundled font draws it)`)
    if (tapTargets) {
      for (const el of document.querySelectorAll('button, a, select, textarea, input:not([type="hidden"])')) {
        if (!shown(el)) continue
        const target = el.matches('input[type="radio"], input[type="checkbox"]') ? (el.closest('label') ?? el) : el
        const box = target.getBoundingClientRect()
        if (box.height < 44) problems.push(`tap target ${describe(target)} is ${Math.round(box.height)}px tall`)
      }
    }
    return problems
  }, tapTargets)
}

interface ShotOptions {
  sizes?: { width: number; height: number }[]
  /** What the screenshot is about, scrolled into view first. */
  focus?: Locator
  tapTargets?: boolean
}

/** Screenshot `tour-<screen>-<lang>-<size>.png` at each size, checking the layout at each; back to the first size after. */
async function shoot(
  page: Page,
  screen: string,
  language: Language,
  { sizes = [laptop, phoneSize], focus, tapTargets }: ShotOptions = {}
): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size)
    await focus?.scrollIntoViewIfNeeded()
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const name = `tour-${screen}-${language}-${size.width}x${size.height}`
    await page.screenshot({ path: `${screens}/${name}.png` })
    expect.soft(await layoutProblems(page, { tapTargets }), name).toEqual([])
  }
  await page.setViewportSize(sizes[0]!)
}

/**
 * Waits until the summary frame holds the report with `expected` in it, then (best effort, for the
 * screenshot) until Chromium has painted it: the frame is sandboxed and drawn by a process of its
 * own, which on this shared, busy machine is sometimes seconds late. A blank frame's screenshot is a
 * few kilobytes at most, a report's many more.
 */
async function reportShown(page: Page, expected: string): Promise<void> {
  const frame = page.locator('iframe.summary-frame')
  await expect(frame).toHaveAttribute('srcdoc', new RegExp(expected))
  for (let waited = 0; waited < 5_000 && (await frame.screenshot()).length < 5_000; waited += 250)
    await page.waitForTimeout(250)
}

async function phonePage(
  browser: Browser,
  url: string,
  code: string,
  javaScriptEnabled = true
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: phoneSize,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled
  })
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}

/** A session file cut off mid-write, then the host restarted on the same data folder: the first screen reports it. */
async function hostWithDamagedSession(host: RunningHost): Promise<RunningHost> {
  const earlier = await host.call<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: {
      venue: 'Trường THCS Nguyễn Du',
      date: '2026-11-02',
      trainer: 'Chị Lan',
      language: 'vi',
      plannedStart: '08:30'
    }
  })
  await host.call('session.command', { id: earlier.id, command: { type: 'next' } })
  await host.stop()
  const file = join(host.dataDir, 'sessions', `${earlier.id}.json`)
  const good = await readFile(file)
  await writeFile(file, good.subarray(0, good.length / 2))
  return startHost(host.dataDir)
}

// A step that cannot happen fails in seconds, not at the end of the whole tour's time.
test.use({ actionTimeout: 15_000 })

for (const language of ['vi', 'en'] as const) {
  test(`a new user's tour of every screen (${language})`, async ({
    host,
    page,
    browser,
    outsideRequests
  }, testInfo) => {
    test.setTimeout(120_000)
    void outsideRequests
    const t = (key: MessageKey): string => translate(language, key)
    const saved = message(language, 'answer.saved')
    const problems: string[] = []
    page.on('console', (m) => (m.text().includes('[i18n]') || m.type() === 'error') && problems.push(m.text()))
    page.on('pageerror', (e) => problems.push(e.message))

    const restarted = await hostWithDamagedSession(host)
    try {
      // Library, with the damaged-file notice, then without it.
      await page.setViewportSize(laptop)
      await page.goto(restarted.url)
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click()
      await expect(
        page
          .getByRole('region', { name: t('notice.title') })
          .getByRole('status')
          .first()
      ).toBeVisible()
      await shoot(page, 'notice', language)
      const dismiss = page.getByRole('button', { name: t('notice.dismiss'), exact: true })
      for (let left = await dismiss.count(); left > 0; left--) {
        await dismiss.first().click()
        await expect(dismiss).toHaveCount(left - 1)
      }
      await expect(page.locator('.session-list li').first()).toBeVisible()
      await shoot(page, 'library', language)

      // Workshop view, start-session form.
      const title = language === 'vi' ? 'Cộng đồng cùng hành động' : 'Communities acting together'
      await page
        .locator('.card', { hasText: title })
        .getByRole('button', { name: t('library.open') })
        .click()
      await expect(page.getByRole('button', { name: t('session.start') })).toBeVisible()
      await shoot(page, 'workshop', language)

      // Editor: the agenda builder with a slides part, then a quiz part selected.
      await page.getByRole('button', { name: t('workshop.duplicate') }).click()
      await expect(page.getByTestId('editor')).toBeVisible()
      const rows = page.getByTestId('builder-row')
      await rows
        .filter({ has: page.locator('.kind-slides') })
        .nth(1)
        .locator('.row-select')
        .click()
      await shoot(page, 'editor-slides', language, { focus: page.locator('.block-editor') })
      await rows
        .filter({ has: page.locator('.kind-quiz') })
        .first()
        .locator('.row-select')
        .click()
      await shoot(page, 'editor-quiz', language, { focus: page.locator('.block-editor') })
      await page.reload() // back to the library

      await page
        .locator('.card', { hasText: title })
        .first()
        .getByRole('button', { name: t('library.open') })
        .click()
      await page.getByRole('button', { name: t('session.start') }).click()
      const venue = language === 'vi' ? 'Nhà văn hoá thôn Đông, xã An Phú' : 'Community hall, An Phu commune'
      await page.getByLabel(t('session.venue')).fill(venue)
      await page.getByLabel(t('session.trainer')).fill('Nguyễn Thị Lan')
      if (language === 'en') await page.getByLabel(t('session.language')).selectOption('en')
      await shoot(page, 'start-form', language, { focus: page.locator('.start-form') })
      await page.getByRole('button', { name: t('session.begin'), exact: true }).click()
      await expect(page.getByTestId('presenter')).toBeVisible()
      const sessionId = (await restarted.call<{ id: string; workshopId: string }[]>('session.list')).find(
        (s) => s.workshopId === workshopId
      )!.id
      const blocks = (
        await restarted.call<{ manifest: { blocks: { id: string }[] } }>('workshop.get', { id: workshopId })
      ).manifest.blocks.map((b) => b.id)
      const command = (c: Record<string, unknown>): Promise<unknown> =>
        restarted.call('session.command', { id: sessionId, command: c })
      const goto = (blockId: string): Promise<unknown> => command({ type: 'goto', block: blocks.indexOf(blockId) })

      // Presenter on a slide, and the projector's window.
      await shoot(page, 'presenter-slide', language)
      const audience = await openAudience(page, t('presenter.openAudience'))
      await shoot(audience, 'audience-slide', language, projector)

      // Phones: the join screen on the projector, and the join page on a phone.
      const phones = await restarted.call<{ url: string; code: string }>('participants.start', { address: '127.0.0.1' })
      await goto('poll-priorities')
      await command({ type: 'pollOpen', blockId: 'poll-priorities', mode: 'phones' })
      await expect(audience.locator('img.qr')).toBeVisible()
      await shoot(audience, 'audience-join', language, projector)
      const phone = await phonePage(browser, phones.url, phones.code)
      await shoot(phone.page, 'phone-join', language, onPhone)
      await phone.page.locator('input[name="code"]').fill(phones.code)
      await phone.page.locator('button[type="submit"]').click()
      await expect(phone.page.locator('input[type="checkbox"]').first()).toBeVisible()
      await shoot(phone.page, 'phone-question', language, onPhone)
      await phone.page.locator('input[type="checkbox"]').nth(0).check()
      await phone.page.locator('input[type="checkbox"]').nth(2).check()
      await phone.page.locator('button[type="submit"]').click()
      await expect(phone.page.getByRole('status')).toHaveText(saved)
      await shoot(phone.page, 'phone-thanks', language, onPhone)
      const noScript = await phonePage(browser, phones.url, phones.code, false)
      await noScript.page.locator('input[name="code"]').fill(phones.code)
      await noScript.page.locator('button[type="submit"]').click()
      await noScript.page.locator('input[type="checkbox"]').nth(1).check()
      await noScript.page.locator('button[type="submit"]').click()
      await shoot(noScript.page, 'phone-nojs', language, onPhone)
      await noScript.context.close()
      await expect(audience.getByTestId('option-count').first()).toHaveText('1')
      await shoot(page, 'presenter-poll', language)
      await shoot(audience, 'audience-poll', language, projector)
      await command({ type: 'pollClose', blockId: 'poll-priorities' })
      await expect(phone.page.locator('input[type="checkbox"]')).toHaveCount(0)
      await shoot(phone.page, 'phone-waiting', language, onPhone)

      // Discussion with the countdown running.
      await goto('referral-pathway')
      await command({ type: 'timer', action: 'start' })
      await expect(audience.getByRole('timer')).toBeVisible()
      await shoot(page, 'presenter-discussion', language)
      await shoot(audience, 'audience-discussion', language, projector)

      // A rating poll by show of hands.
      await goto('poll-local-cooperation')
      await command({ type: 'pollOpen', blockId: 'poll-local-cooperation', mode: 'tally' })
      await expect(audience.getByText(t('audience.handsUp'))).toBeVisible()
      await shoot(audience, 'audience-hands', language, projector)
      await command({ type: 'pollClose', blockId: 'poll-local-cooperation' })

      // Quiz on phones.
      await goto('pre-test')
      await command({ type: 'pollOpen', blockId: 'pre-test', mode: 'phones' })
      // The phone's page asks every 3 s which question is open and reloads itself (a reload from the test
      // could collide with that one: net::ERR_ABORTED), as it does for a participant.
      await expect(phone.page.locator('input[type="radio"], input[type="checkbox"]').first()).toBeVisible({
        timeout: 10_000
      })
      await shoot(phone.page, 'phone-quiz', language, onPhone)
      await shoot(audience, 'audience-quiz-open', language, projector)
      for (const group of await phone.page.locator('fieldset').all()) await group.locator('input').first().check()
      await phone.page.locator('button[type="submit"]').click()
      await expect(phone.page.getByRole('status')).toHaveText(saved)
      await command({ type: 'pollClose', blockId: 'pre-test' })
      await shoot(page, 'presenter-quiz', language)
      await shoot(audience, 'audience-quiz', language, projector)

      // Open text: an answer the trainer lets onto the projector.
      await goto('poll-one-action')
      await command({ type: 'pollOpen', blockId: 'poll-one-action', mode: 'phones' })
      await expect(phone.page.locator('textarea')).toBeVisible({ timeout: 10_000 }) // the page reloads itself
      await phone.page
        .locator('textarea')
        .fill(
          language === 'vi'
            ? 'Tôi sẽ chia sẻ số đường dây nóng 111 với các phụ huynh trong thôn'
            : 'I will share the 111 hotline number with the parents in my village'
        )
      await phone.page.locator('button[type="submit"]').click()
      await expect(phone.page.getByRole('status')).toHaveText(saved)
      await page
        .locator('.open-answers li')
        .getByRole('button', { name: t('poll.approve') })
        .click()
      await expect(audience.locator('.open-texts li')).toHaveCount(1)
      await shoot(page, 'presenter-open-text', language)
      await shoot(audience, 'audience-open-text', language, projector)
      await phone.context.close()

      // Single-screen mode with the notes peek.
      await goto('global-response')
      await page.keyboard.press('s')
      await page.keyboard.press('n')
      await expect(page.locator('.single-screen-notes')).toBeVisible()
      await shoot(page, 'single-screen', language)
      await page.keyboard.press('Escape')

      // The session's summary, then its JSON imported as another trainer's report, then the report across sessions.
      await command({ type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: 12 })
      await command({ type: 'attendanceSet', sex: 'male', ageGroup: '18-24', count: 7 })
      await page.getByRole('button', { name: t('summary.open'), exact: true }).click()
      await reportShown(page, venue)
      await shoot(page, 'summary', language)
      const exported = await restarted.call<{ files: { content: string }[] }>('session.export', {
        id: sessionId,
        language,
        format: 'json'
      })
      const file = testInfo.outputPath('summary.json')
      await writeFile(file, exported.files[0]!.content)
      await page.reload() // back to the library
      await page.getByTestId('summary-input').setInputFiles(file)
      await expect(page.getByRole('status')).toBeVisible()
      await page
        .getByRole('button', { name: t('summaries.view') })
        .first()
        .click()
      await reportShown(page, venue)
      await shoot(page, 'imported-summary', language)
      await page
        .getByRole('button', { name: t('summaries.back') })
        .first()
        .click()
      await page.getByRole('button', { name: t('report.openButton') }).click()
      await expect(page.getByTestId('report')).toBeVisible()
      await reportShown(page, venue)
      await shoot(page, 'report', language)
      await audience.close()
    } finally {
      await page.close() // before its host stops: a cut-off event stream is not a page error
      await restarted.stop()
    }
    expect(problems, 'console errors, page errors and missing translations').toEqual([])
  })
}
