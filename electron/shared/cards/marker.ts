import { AR } from './aruco'

/**
 * The fiducial markers printed on answer cards: ARUCO_MIP_36h12 (6×6 data cells inside a black
 * border; any two codes differ in at least 12 cells, so a misread number is very unlikely). The
 * marker id is the participant's sign-in number.
 */
export const CARD_DICTIONARY = 'ARUCO_MIP_36h12'
export const MARKER_CELLS = 6

/** Highest number the dictionary can print (its codes are ids 0…249; 0 is never a participant). */
export const MAX_MARKER_ID = AR.DICTIONARIES[CARD_DICTIONARY]!.codeList.length - 1

/** The 6×6 data cells of a marker, row by row from its top-left; true is a white cell. */
export function markerCells(id: number): boolean[][] {
  const code = AR.DICTIONARIES[CARD_DICTIONARY]!.codeList[id]
  if (!Number.isInteger(id) || typeof code !== 'number') throw new RangeError(`no marker ${id} in ${CARD_DICTIONARY}`)
  const bits = code.toString(2).padStart(MARKER_CELLS * MARKER_CELLS, '0')
  return Array.from({ length: MARKER_CELLS }, (_, row) =>
    Array.from({ length: MARKER_CELLS }, (_, column) => bits[row * MARKER_CELLS + column] === '1')
  )
}
