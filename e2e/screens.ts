import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export const screens = 'test-results/screens'

/**
 * Screenshots of what `target` shows, in both languages, at 1280×720 and 360×740, failing if the page is wider than
 * the window; back to Vietnamese, 1280×720 after.
 */
export async function screenshotsBothWays(page: Page, name: string, target: Locator): Promise<void> {
  for (const language of ['vi', 'en'] as const) {
    await page.getByRole('button', { name: language === 'vi' ? 'Tiếng Việt' : 'English' }).click()
    for (const [width, height] of [
      [1280, 720],
      [360, 740]
    ] as const) {
      await page.setViewportSize({ width, height })
      await target.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${screens}/${name}-${language}-${width}x${height}.png` })
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      )
      expect(overflow, `${name} is wider than the ${width}px window`).toBeLessThanOrEqual(0)
    }
  }
  await page.getByRole('button', { name: 'Tiếng Việt' }).click()
  await page.setViewportSize({ width: 1280, height: 720 })
}
