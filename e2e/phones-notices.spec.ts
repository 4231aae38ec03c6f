import { createServer, type Server } from 'node:net'
import { en } from '../electron/shared/i18n/en'
import { vi } from '../electron/shared/i18n/vi'
import { expect, test } from './fixtures'

const screens = 'test-results/screens'

/** A phone poll open while phones are off, then phones on, off, and on again with their port taken. */
for (const language of ['vi', 'en'] as const) {
  test(`phones off during a phone poll, then an address that changed, told on the presenter and the projector (${language})`, async ({
    trainer,
    host
  }) => {
    const t = language === 'vi' ? vi : en
    await host.call('settings.setLanguage', { language })
    const session = await host.call<{
      id: string
      snapshot: { manifest: { blocks: { id: string; kind: string; type?: string }[] } }
    }>('session.start', {
      workshopId: 'conference-briefing',
      details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language, plannedStart: '08:30' }
    })
    const blocks = session.snapshot.manifest.blocks
    const index = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
    for (const command of [
      { type: 'goto', block: index, slide: 0 },
      { type: 'pollOpen', blockId: blocks[index]!.id, mode: 'phones' }
    ]) {
      await host.call('session.command', { id: session.id, command })
    }
    await trainer.setViewportSize({ width: 1280, height: 720 })
    await trainer.reload()
    await trainer.getByRole('button', { name: t['session.continue'] }).first().click()
    await expect(trainer.getByTestId('presenter')).toBeVisible()

    // Phones are off while the poll waits for them: the presenter warns, the projector says so.
    const warning = trainer.getByTestId('phones-off-warning')
    await expect(warning).toContainText(t['phones.offWarning'])
    const [audience] = await Promise.all([
      trainer.context().waitForEvent('page'),
      trainer.getByRole('button', { name: t['presenter.openAudience'] }).click()
    ])
    await audience.setViewportSize({ width: 1280, height: 720 })
    await expect(audience.getByTestId('phones-off')).toHaveText(t['audience.phonesOff'])
    await trainer.screenshot({ path: `${screens}/presenter-phones-off-${language}-1280x720.png` })
    await audience.screenshot({ path: `${screens}/audience-phones-off-${language}-1280x720.png` })

    // The warning's button turns phones on (on loopback: tests never send traffic beyond this machine).
    // On a poll the phones panel is open already (issue 13), its network chooser at hand.
    await expect(trainer.getByTestId('phones-panel')).toHaveAttribute('open', '')
    await trainer.getByLabel(t['phones.interface']).selectOption({ value: '127.0.0.1' })
    await warning.getByRole('button', { name: t['phones.turnOn'] }).click()
    await expect(warning).toBeHidden()
    const first = await host.call<{ url: string; code: string; port: number }>('participants.status')
    await expect(audience.getByTestId('join-code')).toHaveText(first.code)
    await expect(audience.getByTestId('phones-off')).toBeHidden()

    // Phones off; another program takes the port; phones on again: same code, a new address, said plainly.
    await trainer.getByRole('button', { name: t['phones.stop'], exact: true }).click()
    await expect(warning).toBeVisible()
    const blocker: Server = createServer()
    await new Promise<void>((done) => blocker.listen(Number(new URL(first.url).port), '127.0.0.1', done))
    try {
      await warning.getByRole('button', { name: t['phones.turnOn'] }).click()
      await expect(trainer.getByTestId('phones-moved')).toBeVisible()
      const moved = await host.call<{ url: string; code: string }>('participants.status')
      expect(moved.code).toBe(first.code)
      expect(moved.url).not.toBe(first.url)
      const notice = t['audience.joinMoved'].replace('{from}', first.url).replace('{to}', moved.url)
      await expect(audience.getByTestId('join-moved')).toHaveText(notice)
      await expect(trainer.getByTestId('phones-moved')).toHaveText(
        t['phones.moved'].replace('{from}', first.url).replace('{to}', moved.url)
      )
      await trainer.screenshot({ path: `${screens}/presenter-phones-moved-${language}-1280x720.png` })
      await audience.screenshot({ path: `${screens}/audience-phones-moved-${language}-1280x720.png` })
    } finally {
      await new Promise((done) => blocker.close(done))
    }
  })
}
