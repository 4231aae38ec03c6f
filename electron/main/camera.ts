import type { IpcMain } from 'electron'
import { CAMERA_CHANNEL } from '../shared/api/bridge'
import { isTrustedSender, type CameraScanning } from './security'

/**
 * The presenter turns the answer-cards camera on and off over CAMERA_CHANNEL; main notes which
 * window is scanning so that the permission handler (security.ts) lets that window, and only it,
 * have the camera while it scans.
 */

/** The on/off of a request from an app frame; null for anything else (a foreign frame, not a boolean). */
export function cameraRequest(event: { senderFrame: { url: string } | null | undefined }, on: unknown): boolean | null {
  if (!isTrustedSender(event.senderFrame) || typeof on !== 'boolean') {
    console.warn(
      `Roundtable: refused a camera request from ${event.senderFrame?.url.slice(0, 200) ?? 'a frame that is gone'}`
    )
    return null
  }
  return on
}

type Sender = { id: number; once(event: 'destroyed', listener: () => void): unknown }

export function setupCamera(deps: { ipcMain: Pick<IpcMain, 'handle'>; scanning: CameraScanning }): void {
  const watched = new Set<number>()
  deps.ipcMain.handle(CAMERA_CHANNEL, (event, on: unknown) => {
    const request = cameraRequest(event, on)
    if (request === null) return false
    const sender = event.sender as unknown as Sender
    deps.scanning.set(sender.id, request)
    // A window closed (or crashed) while scanning never keeps the camera.
    if (request && !watched.has(sender.id)) {
      watched.add(sender.id)
      sender.once('destroyed', () => {
        deps.scanning.set(sender.id, false)
        watched.delete(sender.id)
      })
    }
    return request
  })
}
