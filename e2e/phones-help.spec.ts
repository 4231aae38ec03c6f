import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { screens } from './screens'
import { startSession } from './session-helpers'

/** Opens the phones panel of the presenter (it opens by itself on a poll; a click would close it then). */
async function openPhonesPanel(trainer: Page): Promise<void> {
  const open = await trainer.getByTestId('phones-panel').evaluate((panel) => (panel as HTMLDetailsElement).open)
  if (!open) await trainer.getByTestId('phones-panel').locator('summary').click()
}

test("“Phones can't connect?” opens from the phones panel with the firewall step, in Vietnamese and English", async ({
  trainer,
  host
}) => {
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const steps = {
    vi: { open: 'Điện thoại không kết nối được?', firewall: 'Tường lửa Windows', tick: 'Đánh dấu “Private networks”' },
    en: { open: 'Phones can’t connect?', firewall: 'The Windows firewall', tick: 'Tick “Private networks”' }
  }
  for (const language of ['vi', 'en'] as const) {
    await trainer.getByRole('button', { name: language === 'vi' ? 'Tiếng Việt' : 'English' }).click()
    await openPhonesPanel(trainer)
    await trainer.getByTestId('phones-panel').screenshot({ path: `${screens}/phones-panel-help-${language}.png` })
    await trainer.getByRole('button', { name: steps[language].open }).click()
    const help = trainer.getByTestId('phones-help')
    await expect(help).toBeVisible()
    const firewall = help.locator('li[data-step="firewall"]')
    await expect(firewall).toContainText(steps[language].firewall)
    await expect(firewall).toContainText(steps[language].tick)
    await expect(firewall).toContainText('Allow access')
    // Seven steps, from the same Wi-Fi to the fallback without phones; the log folder for support.
    await expect(help.locator('li[data-step]')).toHaveCount(7)
    await expect(help.locator('li[data-step="hotspot"]')).toContainText('Mobile hotspot')
    await expect(help.locator('.log-folder')).toContainText(`${host.dataDir}/logs`)
    for (const [width, height] of [
      [1280, 720],
      [360, 740]
    ] as const) {
      await trainer.setViewportSize({ width, height })
      await trainer.screenshot({ path: `${screens}/phones-help-${language}-${width}x${height}.png` })
      const overflow = await trainer.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      )
      expect(overflow, `the help is wider than the ${width}px window`).toBeLessThanOrEqual(0)
      const box = (await help.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(width)
    }
    await trainer.setViewportSize({ width: 1280, height: 720 })
    await help.evaluate((dialog) => (dialog.scrollTop = dialog.scrollHeight))
    await trainer.screenshot({ path: `${screens}/phones-help-${language}-1280x720-end.png` })
    // The presenter's keys do not act behind the help: B would black the projector out.
    await help.press('b')
    await expect(trainer.locator('.presenter-bar button[aria-pressed="true"]')).toHaveCount(0)
    await trainer.keyboard.press('Escape')
    await expect(help).toBeHidden()
  }
  await trainer.getByRole('button', { name: 'Tiếng Việt' }).click()
})
