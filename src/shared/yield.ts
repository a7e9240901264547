/** Gives the main thread back to the page between slices of work (a macrotask, so input and rendering run). */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The clock of a time-sliced job: whether the current slice has run its time, a pause that gives
 * the page its turn, and the job's main-thread time (its slices summed, without those pauses).
 */
export class SliceClock {
  private busy = 0;
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  due(): boolean {
    return performance.now() - this.sliceStart > this.sliceMs;
  }

  async pause(): Promise<void> {
    this.busy += performance.now() - this.sliceStart;
    await yieldToPage();
    this.sliceStart = performance.now();
  }

  busyMs(): number {
    return this.busy + performance.now() - this.sliceStart;
  }
}
