/** What the caller knows about the statement that failed; used to fill gaps in the driver's error. */
export interface ErrorHints {
  /** The table the failing statement wrote to. */
  table?: string
}
