// The two stdout lines idle-client prints for the bench to read; constants only.

/** Marker of the line printed once the connections are open: `IDLE_OPENED {"opened":…,"failed":…,"openMs":…}`. */
export const IDLE_OPENED_MARKER = "IDLE_OPENED ";
/** Marker of the line printed when the bench writes a line on stdin: `IDLE_HELD {"held":…}`; the client then exits. */
export const IDLE_HELD_MARKER = "IDLE_HELD ";
