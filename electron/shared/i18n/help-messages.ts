import { defineCatalogue } from './catalogue'

/**
 * The app menu (Electron's main builds it) and the "Phones can't connect?" help, in Vietnamese and
 * English. A catalogue of its own, so the help's text loads with the help (lazily) and not with the
 * trainer's first screen. English must have exactly the same keys (the type and the parity test check).
 */
const vi = {
  'menu.file': 'Tệp',
  'menu.quit': 'Thoát',
  'menu.view': 'Xem',
  'menu.fullScreen': 'Toàn màn hình',
  'menu.zoomIn': 'Phóng to',
  'menu.zoomOut': 'Thu nhỏ',
  'menu.zoomReset': 'Cỡ mặc định',
  'menu.openAudience': 'Mở màn hình khán giả (khi đang trình chiếu)',
  'menu.reload': 'Tải lại (nhà phát triển)',
  'menu.devTools': 'Công cụ nhà phát triển',
  'menu.help': 'Trợ giúp',
  'menu.phonesHelp': 'Điện thoại không kết nối được?',
  'menu.openLogs': 'Mở thư mục nhật ký',
  'menu.openLogs.failed': 'Không mở được thư mục nhật ký. Nhật ký nằm ở: {path}',
  'menu.about': 'Giới thiệu Bàn Tròn',
  'menu.about.detail': 'Phiên bản {version}\nBộ công cụ tập huấn ngoại tuyến.\nDữ liệu được lưu tại: {dataDir}',
  'menu.close': 'Đóng',
  'phonesHelp.title': 'Điện thoại không kết nối được?',
  'phonesHelp.intro': 'Làm lần lượt từng bước. Sau mỗi bước, thử mở lại địa chỉ trên một điện thoại.',
  'phonesHelp.wifi.title': 'Cùng một mạng Wi-Fi',
  'phonesHelp.wifi.text':
    'Máy tính và điện thoại phải vào cùng một mạng Wi-Fi. So tên mạng trên máy tính với tên mạng trên một điện thoại.',
  'phonesHelp.address.title': 'Gõ đúng địa chỉ',
  'phonesHelp.address.text':
    'Gõ địa chỉ hiện trên màn hình đúng từng ký tự, kể cả “http://”, các dấu chấm và số sau dấu hai chấm. Hoặc quét mã QR.',
  'phonesHelp.data.title': 'Tắt dữ liệu di động',
  'phonesHelp.data.text':
    'Nếu trang không mở: tắt dữ liệu di động (4G/5G) trên điện thoại rồi thử lại. Có điện thoại dùng mạng di động thay cho Wi-Fi và không tìm thấy máy tính.',
  'phonesHelp.firewall.title': 'Tường lửa Windows: bấm “Allow access”',
  'phonesHelp.firewall.text':
    'Lần đầu bật điện thoại, Windows Defender Firewall có thể hỏi có cho Bàn Tròn dùng mạng không. Đánh dấu “Private networks” (mạng riêng) rồi bấm “Allow access” (cho phép truy cập).',
  'phonesHelp.firewall.dismissed':
    'Nếu đã lỡ đóng hộp thoại đó, hoặc máy đòi quyền quản trị: đặt mạng Wi-Fi này là mạng riêng (Settings → Network & internet → Wi-Fi → tên mạng → Network profile type: Private), hoặc nhờ bộ phận IT cho phép Bàn Tròn. Bật điểm phát sóng của máy tính (bước 6) không cần quyền quản trị.',
  'phonesHelp.isolation.title': 'Wi-Fi cho khách chặn điện thoại',
  'phonesHelp.isolation.text':
    'Wi-Fi cho khách (guest) ở khách sạn, văn phòng, quán cà phê thường bật “cách ly thiết bị” (AP isolation): điện thoại vào được internet nhưng không tới được máy tính. Khi đó, dùng điểm phát sóng của chính máy tính.',
  'phonesHelp.hotspot.title': 'Dùng điểm phát sóng của máy tính',
  'phonesHelp.hotspot.text':
    'Trên Windows: Settings → Network & internet → Mobile hotspot → bật. Cho điện thoại vào mạng đó bằng tên và mật khẩu hiện ở đó. Rồi trong ô Điện thoại của Bàn Tròn, chọn mạng của điểm phát sóng và đưa địa chỉ mới cho mọi người.',
  'phonesHelp.fallback.title': 'Vẫn làm tiếp được khi không có điện thoại',
  'phonesHelp.fallback.text':
    'Mọi bình chọn và câu hỏi đều chạy được không cần điện thoại: “Đếm giơ tay”, “Nhập phiếu giấy” (phiếu in sẵn), hoặc “Thẻ trả lời (camera)”.',
  'phonesHelp.log': 'Khi gọi hỗ trợ: nhật ký của Bàn Tròn nằm ở {path}'
} as const

export const helpMessages = defineCatalogue({
  vi,
  en: {
    'menu.file': 'File',
    'menu.quit': 'Quit',
    'menu.view': 'View',
    'menu.fullScreen': 'Full screen',
    'menu.zoomIn': 'Zoom in',
    'menu.zoomOut': 'Zoom out',
    'menu.zoomReset': 'Actual size',
    'menu.openAudience': 'Open the audience screen (while presenting)',
    'menu.reload': 'Reload (developers)',
    'menu.devTools': 'Developer tools',
    'menu.help': 'Help',
    'menu.phonesHelp': 'Phones can’t connect?',
    'menu.openLogs': 'Open the log folder',
    'menu.openLogs.failed': 'The log folder could not be opened. The log is in: {path}',
    'menu.about': 'About Roundtable',
    'menu.about.detail': 'Version {version}\nAn offline workshop toolkit.\nData is saved in: {dataDir}',
    'menu.close': 'Close',
    'phonesHelp.title': 'Phones can’t connect?',
    'phonesHelp.intro': 'Go through the steps in order. After each one, try the address again on one phone.',
    'phonesHelp.wifi.title': 'The same Wi-Fi network',
    'phonesHelp.wifi.text':
      'The laptop and the phones must be on the same Wi-Fi network. Compare the network name on the laptop with the one on a phone.',
    'phonesHelp.address.title': 'Type the address exactly',
    'phonesHelp.address.text':
      'Type the address shown on screen exactly, character by character, with “http://”, the dots and the number after the colon. Or scan the QR code.',
    'phonesHelp.data.title': 'Turn off mobile data',
    'phonesHelp.data.text':
      'If the page does not load: turn off mobile data (4G/5G) on the phone and try again. Some phones use the mobile network instead of the Wi-Fi and cannot find the laptop.',
    'phonesHelp.firewall.title': 'The Windows firewall: click “Allow access”',
    'phonesHelp.firewall.text':
      'The first time phones are turned on, Windows Defender Firewall may ask whether Roundtable may use the network. Tick “Private networks”, then click “Allow access”.',
    'phonesHelp.firewall.dismissed':
      'If that window was closed by mistake, or it asks for an administrator: make this Wi-Fi a private network (Settings → Network & internet → Wi-Fi → the network’s name → Network profile type: Private), or ask IT to allow Roundtable. Turning on the laptop’s hotspot (step 6) needs no administrator.',
    'phonesHelp.isolation.title': 'Guest Wi-Fi blocks phones',
    'phonesHelp.isolation.text':
      'Guest Wi-Fi in hotels, offices and cafés often has “AP isolation” (client isolation) on: phones reach the internet but not the laptop. Use the laptop’s own hotspot instead.',
    'phonesHelp.hotspot.title': 'Use the laptop’s own hotspot',
    'phonesHelp.hotspot.text':
      'On Windows: Settings → Network & internet → Mobile hotspot → On. Join the phones to that network with the name and password shown there. Then, in Roundtable’s Phones panel, choose the hotspot’s network and give everyone the new address.',
    'phonesHelp.fallback.title': 'Carry on without phones',
    'phonesHelp.fallback.text':
      'Every poll and quiz works without phones: “Show of hands”, “Type in paper sheets” (printed sheets), or “Answer cards (camera)”.',
    'phonesHelp.log': 'When you call support: Roundtable’s log is in {path}'
  }
})

export type HelpMessageKey = keyof typeof vi
