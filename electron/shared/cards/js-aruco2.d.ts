/** The parts of js-aruco2 (plain CommonJS, no types of its own) that Roundtable uses. */
declare module 'js-aruco2' {
  export interface ArucoPoint {
    x: number
    y: number
  }
  export interface ArucoMarker {
    id: number
    /** Four corners, the marker's own top-left first, then clockwise as the marker is printed. */
    corners: ArucoPoint[]
    hammingDistance: number
  }
  export interface ArucoImage {
    width: number
    height: number
    data: Uint8ClampedArray | Uint8Array
  }
  const aruco: { AR: ArucoLibrary }
  export default aruco
  export interface ArucoLibrary {
    DICTIONARIES: Record<string, { nBits: number; tau?: number; codeList: (number | string | number[])[] }>
    /** A dictionary as the detector holds it: `codeList[id]` is the marker's bits as text, 1 for a white cell. */
    Dictionary: new (name: string) => { codeList: string[] }
    Detector: new (config?: { dictionaryName?: string; maxHammingDistance?: number }) => {
      detect(image: ArucoImage): ArucoMarker[]
    }
  }
}
