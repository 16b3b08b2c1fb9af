import { jest } from '@jest/globals';
import { throttle } from './live.js';

describe('refreshing on live events', () => {
  let now = 0;
  const clock = () => now;
  const advance = (ms: number) => {
    now += ms;
    jest.advanceTimersByTime(ms);
  };
  beforeEach(() => {
    jest.useFakeTimers();
    now = 1_000_000;
  });
  afterEach(() => jest.useRealTimers());

  it('refreshes at once on the first event, then at most once a window however many arrive', () => {
    const refresh = jest.fn();
    const onEvent = throttle(refresh, 2_000, clock);
    onEvent();
    expect(refresh).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      advance(30);
      onEvent();
    }
    expect(refresh).toHaveBeenCalledTimes(1);
    advance(2_000 - 1_500);
    expect(refresh).toHaveBeenCalledTimes(2);
    advance(10_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('never drops the last event of a burst: the refresh at the window end sees it', () => {
    const refresh = jest.fn();
    const onEvent = throttle(refresh, 2_000, clock);
    onEvent();
    advance(1_999);
    onEvent();
    expect(refresh).toHaveBeenCalledTimes(1);
    advance(1);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('refreshes at once again after a quiet window', () => {
    const refresh = jest.fn();
    const onEvent = throttle(refresh, 2_000, clock);
    onEvent();
    advance(5_000);
    onEvent();
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
