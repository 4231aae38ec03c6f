import aruco from 'js-aruco2'

/**
 * js-aruco2 is plain CommonJS that sets its exports through `this`, which bundlers cannot see as
 * named exports: it is read through its default export (module.exports) here, once.
 */
export const AR = aruco.AR
