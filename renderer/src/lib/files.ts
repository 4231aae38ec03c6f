/** Browser-side file helpers: the same code works in Electron's renderer and in browser mode. */

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  // In chunks: String.fromCharCode with a huge spread overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Saves bytes through the browser's download (Electron shows its save dialog). */
export function downloadBase64(fileName: string, base64: string, type = 'application/zip'): void {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  saveBlob(fileName, new Blob([bytes], { type }))
}

function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves text as a file. The bytes are what counts: a neutral type keeps browsers from opening HTML instead. */
export function downloadText(fileName: string, text: string): void {
  saveBlob(fileName, new Blob([text], { type: 'application/octet-stream' }))
}

/** Saves the files an export gives (text, or base64 for ZIP, Word and Excel files). */
export function downloadFiles(
  files: readonly { name: string; content: string; type: string; base64: boolean }[]
): void {
  for (const file of files) {
    if (file.base64) downloadBase64(file.name, file.content, file.type)
    else downloadText(file.name, file.content)
  }
}
