import { useEffect, useState } from 'react';

/**
 * Runs `task` once the browser has drawn the current frame (the next animation frame, then a task after it), so work
 * that holds the main thread starts after what is on screen has been painted. Returns a cancel function.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** False on the first render, true once the first frame has been painted: for what can wait below the fold. */
export function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterNextPaint(() => setPainted(true)), []);
  return painted;
}
