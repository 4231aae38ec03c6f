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
  /**
   * Electron only: files the system asks the app to open (a double-clicked `.roundtable` workshop,
   * see electron/main/open-file.ts). The listener gets the one waiting now, if any, and each later
   * one; returns the unsubscribe function. Browser mode has no such files (absent).
   */
  onOpenedFile?(listener: (file: OpenedFile) => void): () => void
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

/**
 * A file the system asked the app to open, as main read it: its bytes (checked again, fully, by the
 * import preview), or why it could not be read.
 */
export type OpenedFile = { fileName: string; base64: string } | { fileName: string; problem: OpenedFileProblem }
export const OPENED_FILE_PROBLEMS = ['not-found', 'not-a-file', 'too-big', 'unreadable'] as const
export type OpenedFileProblem = (typeof OPENED_FILE_PROBLEMS)[number]
/** Main tells the trainer's window that a file waits (no payload); the window then takes it. */
export const FILE_WAITING_CHANNEL = 'roundtable:file-waiting'
/** The trainer's window takes the waiting file (or null) from main. */
export const TAKE_OPENED_FILE_CHANNEL = 'roundtable:take-opened-file'
/** At most the import limit (20 MB) as base64, plus room. */
const MAX_BASE64_LENGTH = Math.ceil((20 * 1024 * 1024) / 3) * 4

/** Whether a value has the shape of an OpenedFile (the preload checks what main sends). */
export function isOpenedFile(value: unknown): value is OpenedFile {
  if (typeof value !== 'object' || value === null) return false
  const file = value as Record<string, unknown>
  if (typeof file.fileName !== 'string' || file.fileName.length === 0 || file.fileName.length > 255) return false
  if ('problem' in file) return (OPENED_FILE_PROBLEMS as readonly unknown[]).includes(file.problem)
  return typeof file.base64 === 'string' && file.base64.length <= MAX_BASE64_LENGTH
}

/** Channel main uses to tell the trainer's window what was picked in the app menu. */
export const MENU_CHANNEL = 'roundtable:menu'
/** What the menu asks the window to show; the preload passes on nothing else. */
export const MENU_ACTIONS = ['phones-help', 'open-audience'] as const
export type MenuAction = (typeof MENU_ACTIONS)[number]
export function isMenuAction(value: unknown): value is MenuAction {
  return (MENU_ACTIONS as readonly unknown[]).includes(value)
}
