import type { ApiEvent, ApiReply } from '../../core/api/contract'

/**
 * What the Electron preload exposes to the renderer (as `window.roundtable`), and what the
 * browser-mode client implements over HTTP. The renderer only ever sees this shape.
 */
export interface RoundtableBridge {
  invoke(method: string, args: unknown): Promise<ApiReply>
  onEvent(listener: (event: ApiEvent) => void): () => void
  /** Opens the audience window for a session (Electron: on the second display when there is one). */
  openAudience(sessionId: string): void
  /**
   * Prints a self-contained document (facilitator guide, sign-in sheet, summary): Electron saves an A4
   * PDF through a save dialog; browser mode has its host print it with Chromium and downloads the PDF,
   * or, without a Chromium, opens it in a tab to print from there and rejects with the reason why.
   */
  printDocument(html: string, fileName: string): Promise<void>
  /**
   * Answer cards: Electron lets this window use the camera (video only) while `on`, and never
   * otherwise; call it before getUserMedia and again when the camera stops. Browser mode: the
   * browser asks the trainer itself, so this does nothing.
   */
  setCameraScanning(on: boolean): Promise<void>
  /** Electron only: what the trainer picked in the app menu for the window to show (see MENU_ACTIONS). */
  onMenuAction?(listener: (action: MenuAction) => void): () => void
}

export const BRIDGE_GLOBAL = 'roundtable'
/** IPC channel of one API method: `api:<method>`; main registers one handler per method. */
export const API_CHANNEL_PREFIX = 'api:'
export const EVENT_CHANNEL = 'roundtable:event'
/** Channel the preload uses to ask main for the audience window. */
export const OPEN_AUDIENCE_CHANNEL = 'roundtable:open-audience'
/** Browser mode: where the renderer posts `{ html, fileName }` for its host to print to PDF. */
export const BROWSER_PDF_PATH = '/api/print.pdf'
/** Channel the preload uses to ask main to print a document to PDF. */
export const PRINT_PDF_CHANNEL = 'roundtable:print-pdf'
/** Channel the preload uses to tell main that the window starts or stops scanning answer cards. */
export const CAMERA_CHANNEL = 'roundtable:camera-scanning'
/** Channel main uses to tell the trainer's window what was picked in the app menu. */
export const MENU_CHANNEL = 'roundtable:menu'
/** What the menu asks the window to show; the preload passes on nothing else. */
export const MENU_ACTIONS = ['phones-help', 'open-audience'] as const
export type MenuAction = (typeof MENU_ACTIONS)[number]
export function isMenuAction(value: unknown): value is MenuAction {
  return (MENU_ACTIONS as readonly unknown[]).includes(value)
}
