import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_GLOBAL } from '../shared/api/bridge'
import { createBridge } from './bridge'

/**
 * The sandboxed preload. Sandboxed preloads can `require` only 'electron' (and a few Node
 * built-ins), so this file imports nothing else at runtime: the bridge and the channel constants
 * are bundled into out/preload/index.cjs by electron-vite.
 */
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer))
