/** Gives the main thread back to the page between slices of work (a macrotask, so input and rendering run). */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
