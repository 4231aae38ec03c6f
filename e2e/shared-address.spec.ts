import { request as httpRequest } from 'node:http'
import { en } from '../electron/shared/i18n/en'
import { vi } from '../electron/shared/i18n/vi'
import { expect, test } from './fixtures'

const screens = 'test-results/screens'

/** A join without a cookie from `from` (another loopback address: a phone behind a router, as the laptop sees it). */
function joinFrom(url: string, code: string, from: string): Promise<number> {
  const target = new URL(url)
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: `/j/${code}`, localAddress: from, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => done(res.statusCode ?? 0))
      }
    )
    req.on('error', fail)
    req.end()
  })
}

for (const language of ['vi', 'en'] as const) {
  test(`phones re-joining through one router: the presenter is told, and the switch makes each phone its own (${language})`, async ({
    trainer,
    host
  }) => {
    test.skip(process.platform !== 'linux', 'other loopback addresses are Linux only')
    const t = language === 'vi' ? vi : en
    await host.call('settings.setLanguage', { language })
    await host.call('session.start', {
      workshopId: 'conference-briefing',
      details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language, plannedStart: '08:30' }
    })
    await trainer.setViewportSize({ width: 1280, height: 720 })
    await trainer.reload()
    await trainer.getByRole('button', { name: t['session.continue'] }).first().click()
    await expect(trainer.getByTestId('presenter')).toBeVisible()
    await trainer.locator('summary', { hasText: t['phones.title'] }).click()
    await trainer.getByLabel(t['phones.interface']).selectOption({ value: '127.0.0.1' })
    await trainer.getByRole('button', { name: t['phones.start'] }).click()
    await expect(trainer.getByTestId('phones-on')).toBeVisible()
    const { url, code } = await host.call<{ url: string; code: string }>('participants.status')

    // Four phones behind one router join: one address, three re-joins without a cookie.
    for (let i = 0; i < 4; i++) expect(await joinFrom(url, code, '127.0.0.5')).toBe(303)
    const notice = trainer.getByTestId('shared-address-suspected')
    await expect(notice).toBeVisible()
    await expect(notice).toContainText(t['phones.shared.label'])
    await expect(notice).toContainText('3')
    const box = trainer.getByRole('checkbox', { name: t['phones.shared.label'] })
    await expect(box).not.toBeChecked()
    await trainer.getByTestId('shared-address').scrollIntoViewIfNeeded()
    await trainer.screenshot({ path: `${screens}/presenter-shared-address-${language}-1280x720.png` })

    await box.check()
    await expect(notice).toBeHidden()
    await expect(box).toBeChecked()
    expect((await host.call<{ sharedAddresses: boolean }>('participants.status')).sharedAddresses).toBe(true)
    await expect(trainer.getByText(t['phones.shared.tradeoff'])).toBeVisible()
    await trainer.getByTestId('shared-address').scrollIntoViewIfNeeded()
    await trainer.screenshot({ path: `${screens}/presenter-shared-address-on-${language}-1280x720.png` })
    await trainer.setViewportSize({ width: 360, height: 740 })
    await trainer.getByTestId('shared-address').scrollIntoViewIfNeeded()
    await trainer.screenshot({ path: `${screens}/presenter-shared-address-on-${language}-360x740.png` })
  })
}
