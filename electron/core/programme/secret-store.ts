import { existsSync, promises as fs } from 'node:fs'
import { writeFileDurably, type DurableWriteFs } from '../storage/durable-write'

/** The durable write, with the temp file created owner-only from the start. */
const ownerOnlyFs: DurableWriteFs = {
  open: ((path: string, flags: string) => fs.open(path, flags, 0o600)) as DurableWriteFs['open'],
  rename: fs.rename,
  unlink: fs.unlink
}

/**
 * Where the programme server's password is kept. The Electron shell passes one built on `safeStorage`
 * (the system keychain encrypts it); browser mode keeps it in a file of the data folder readable only by
 * its owner (mode 0600; Windows ignores the mode, and the settings screen says so).
 */
export interface SecretStore {
  readonly kind: 'system-keychain' | 'owner-only-file'
  load(): Promise<string | null>
  save(secret: string | null): Promise<void>
}

/** What Electron's `safeStorage` offers; main passes the real one, tests a fake. */
export interface StringEncryption {
  isEncryptionAvailable(): boolean
  /** Linux: `basic_text` means no keyring was found and a fixed key would be used (not a keychain). */
  getSelectedStorageBackend?(): string
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

/** The password in a file of its own, with owner-only permissions. */
export class OwnerOnlyFileSecretStore implements SecretStore {
  readonly kind: SecretStore['kind'] = 'owner-only-file'
  constructor(private readonly path: string) {}

  async load(): Promise<string | null> {
    if (!existsSync(this.path)) return null
    return (await fs.readFile(this.path)).toString('utf8')
  }

  async save(secret: string | null): Promise<void> {
    if (secret === null) return fs.rm(this.path, { force: true })
    await this.write(Buffer.from(secret, 'utf8'))
  }

  protected async write(data: Buffer): Promise<void> {
    await writeFileDurably(ownerOnlyFs, this.path, data)
    await fs.chmod(this.path, 0o600) // a file written before with a wider mode keeps it through the rename
  }
}

/** The password encrypted by the system keychain (Electron's `safeStorage`), in a file of the data folder. */
export class EncryptedFileSecretStore extends OwnerOnlyFileSecretStore {
  override readonly kind: SecretStore['kind'] = 'system-keychain'
  constructor(
    private readonly filePath: string,
    private readonly encryption: StringEncryption
  ) {
    super(filePath)
  }

  override async load(): Promise<string | null> {
    if (!existsSync(this.filePath)) return null
    return this.encryption.decryptString(await fs.readFile(this.filePath))
  }

  override async save(secret: string | null): Promise<void> {
    if (secret === null) return fs.rm(this.filePath, { force: true })
    await this.write(this.encryption.encryptString(secret))
  }
}

/** The keychain when the system offers one (Linux without a keyring does not), else the owner-only file. */
export function secretStoreFor(path: string, encryption?: StringEncryption): SecretStore {
  const keychain =
    encryption?.isEncryptionAvailable() === true && encryption.getSelectedStorageBackend?.() !== 'basic_text'
  return keychain ? new EncryptedFileSecretStore(path, encryption) : new OwnerOnlyFileSecretStore(path)
}
