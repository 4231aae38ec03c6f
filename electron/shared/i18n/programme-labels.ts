import { defineCatalogue } from './catalogue'

/**
 * Words of Settings → Programme server and the report screen's pull, which load only when opened: kept out
 * of the app window's catalogue (vi.ts, en.ts) so the first screen does not carry them. Messages the core
 * sends (problems, test results, sync errors) stay in the app window's catalogue.
 */
const vi = {
  'programme.url': 'Địa chỉ máy chủ',
  'programme.database': 'Cơ sở dữ liệu',
  'programme.user': 'Tên người dùng',
  'programme.password': 'Mật khẩu',
  'programme.password-kept': 'Đã lưu (để trống để giữ).',
  'programme.include-paused': 'Gửi cả buổi tạm dừng',
  'programme.secret.system-keychain': 'Mật khẩu được hệ điều hành mã hoá.',
  'programme.secret.owner-only-file': 'Mật khẩu lưu trong tệp chỉ chủ máy đọc được (Windows bỏ qua quyền này).',
  'programme.save': 'Lưu',
  'programme.test': 'Kiểm tra kết nối',
  'programme.sync-now': 'Đồng bộ ngay',
  'programme.status.never': 'Chưa đồng bộ.',
  'programme.status.last': 'Đồng bộ lúc {at}.',
  'programme.status.pending': 'Chờ gửi: {count}.',
  'programme.status.error': 'Lỗi: {reason}',
  'programme.pull': 'Lấy từ máy chủ chương trình',
  'programme.pull.done': 'Đọc {read}: {imported} mới, {updated} cập nhật.',
  'programme.pull.refused': 'Từ chối {count}:',
  'programme.test.ok': 'Kết nối được: {server}.'
} as const

const en: Record<keyof typeof vi, string> = {
  'programme.url': 'Server address',
  'programme.database': 'Database',
  'programme.user': 'User name',
  'programme.password': 'Password',
  'programme.password-kept': 'Saved (leave empty to keep).',
  'programme.include-paused': 'Send paused sessions too',
  'programme.secret.system-keychain': 'The system encrypts the password.',
  'programme.secret.owner-only-file': 'The password is kept in an owner-only file (Windows ignores this).',
  'programme.save': 'Save',
  'programme.test': 'Test connection',
  'programme.sync-now': 'Sync now',
  'programme.status.never': 'Never synced.',
  'programme.status.last': 'Synced {at}.',
  'programme.status.pending': 'Pending: {count}.',
  'programme.status.error': 'Error: {reason}',
  'programme.pull': 'Pull from the programme server',
  'programme.pull.done': '{read} read: {imported} new, {updated} updated.',
  'programme.pull.refused': '{count} refused:',
  'programme.test.ok': 'Connected: {server}.'
}

export const programmeLabels = defineCatalogue({ vi, en })
export type ProgrammeLabelKey = keyof typeof vi
