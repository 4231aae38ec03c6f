import type { Page } from '@playwright/test'
import { applyCommand } from '../electron/shared/sessions/commands'
import type { Session } from '../electron/shared/sessions/model'
import { expect, test } from './fixtures'
import type { RunningHost } from './browser-host'
import { openAudience, startSession } from './session-helpers'

/**
 * The presenter and the audience screen show the next slide before the core has saved it; the core's
 * state still decides. These tests check that quick presses never jump back and that a command the
 * core refuses leaves both windows on the core's state.
 */

interface CoreSession {
  id: string
  position: { block: number; slide: number }
  snapshot: { manifest: { blocks: { id: string; kind: string }[] }; slides: Record<string, { vi: unknown[] }> }
}

/** Records every position the presenter shows (block × 1000 + slide) and every content the audience shows. */
async function recordShown(presenter: Page, audience: Page): Promise<void> {
  await presenter.evaluate(() => {
    const shown: number[] = []
    ;(window as unknown as { shown: number[] }).shown = shown
    const position = (): number => {
      const items = [...document.querySelectorAll('.agenda-strip li')]
      const block = items.findIndex((item) => item.classList.contains('current'))
      const slide = Number(/ (\d+)\/\d+/.exec(document.querySelector('.stage-label')?.textContent ?? '')?.[1] ?? 1)
      return block * 1000 + slide
    }
    shown.push(position())
    new MutationObserver(() => {
      if (position() !== shown.at(-1)) shown.push(position())
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
  await audience.evaluate(() => {
    const shown: string[] = []
    ;(window as unknown as { shown: string[] }).shown = shown
    const content = (): string => document.querySelector('[data-testid=audience]')?.innerHTML ?? ''
    shown.push(content())
    new MutationObserver(() => {
      if (content() !== shown.at(-1)) shown.push(content())
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

const shownOn = <T>(page: Page): Promise<T[]> => page.evaluate(() => (window as unknown as { shown: T[] }).shown)

/** The position `steps` presses of → after the start, by the core's own rule (applyCommand on a copy). */
function positionAfter(session: CoreSession, steps: number): { block: number; slide: number } {
  const copy = structuredClone(session) as unknown as Session
  copy.position = { block: 0, slide: 0 }
  for (let i = 0; i < steps; i++) applyCommand(copy, { type: 'next' }, new Date())
  return copy.position
}

async function sessionOf(host: RunningHost): Promise<CoreSession> {
  const [entry] = await host.call<{ id: string }[]>('session.list')
  return host.call<CoreSession>('session.get', { id: entry!.id })
}

test('ten quick presses of → end both windows on the core position, never jumping back', async ({ trainer, host }) => {
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(trainer)
  await expect(audience.locator('.audience-slide h1')).toHaveText(
    await trainer.getByTestId('current-slide').locator('h1').innerText()
  )
  await recordShown(trainer, audience)

  for (let i = 0; i < 10; i++) await trainer.keyboard.press('ArrowRight')

  const expected = positionAfter(await sessionOf(host), 10)
  await expect.poll(async () => (await sessionOf(host)).position).toEqual(expected)
  // The core answered every press: both windows show its position.
  const core = await sessionOf(host)
  await expect(trainer.locator('.agenda-strip li.current')).toHaveCount(1)
  expect(
    await trainer
      .locator('.agenda-strip li')
      .evaluateAll((items) => items.findIndex((i) => i.classList.contains('current')))
  ).toBe(core.position.block)
  const coreView = await host.call<{ kind: string; html?: string }>('session.audience', { id: core.id })
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', coreView.kind)
  if (coreView.kind === 'slide') {
    const heading = /<h1[^>]*>(.*?)<\/h1>/s.exec(coreView.html!)?.[1]?.replace(/<[^>]+>/g, '')
    expect(heading, 'the slide the core shows has a title').toBeTruthy()
    await expect(audience.locator('.audience-slide h1')).toHaveText(heading!)
  }

  // Never back: the presenter's positions only go forward, and the audience never returns to a content it left.
  const positions = await shownOn<number>(trainer)
  expect(positions.length).toBeGreaterThan(1)
  expect(positions).toEqual([...positions].sort((a, b) => a - b))
  const contents = await shownOn<string>(audience)
  expect(contents.length).toBeGreaterThan(1)
  contents.forEach((content, i) => expect(contents.indexOf(content), `audience content ${i} shown before`).toBe(i))
})

test('when the core refuses a command, the presenter and the audience return to the core state and the error shows', async ({
  page,
  host,
  outsideRequests
}) => {
  // `page`, not `trainer`: the refused request answers 400, which Chromium logs as a console error.
  void outsideRequests
  await page.goto(host.url)
  await startSession(page, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(page)
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.stage-label')).toContainText(' 2/')
  const second = await page.getByTestId('current-slide').locator('h1').innerText()
  await expect(audience.locator('.audience-slide h1')).toHaveText(second)
  await expect.poll(async () => (await sessionOf(host)).position).toEqual({ block: 0, slide: 1 })

  // The next press leaves the presenter as → but reaches the core as a jump past the last part, which it refuses.
  await page.route('**/api/session.command', (route) =>
    route.continue({
      postData: route.request().postData()!.replace('{"type":"next"}', '{"type":"goto","block":999,"slide":0}')
    })
  )
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('alert')).toHaveText(
    'Không thực hiện được yêu cầu: không có phần “1000” trong chương trình'
  )
  await expect(page.locator('.stage-label')).toContainText(' 2/')
  await expect(page.getByTestId('current-slide').locator('h1')).toHaveText(second)
  await expect(audience.locator('.audience-slide h1')).toHaveText(second)
  expect((await sessionOf(host)).position).toEqual({ block: 0, slide: 1 })
  await page.screenshot({ path: 'test-results/screens/refused-command-vi-1280x720.png' })
})
