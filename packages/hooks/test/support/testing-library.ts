import type { FrameworkUnderTest } from './scenarios';

/** What the scenarios use of a Testing Library flavour (`@testing-library/preact` or `@testing-library/react`). */
export interface TestingLibrary {
  render(ui: never): { rerender(ui: never): void; unmount(): void };
  cleanup(): void;
  waitFor<T>(check: () => T, options?: { timeout?: number }): Promise<T>;
  fireEvent: { click(element: HTMLElement): unknown };
  screen: { getByTestId(id: string): HTMLElement; getByText(text: string): HTMLElement };
}

/** The rendering and querying half of a `FrameworkUnderTest`, the same for both flavours. */
export function fromTestingLibrary(
  library: TestingLibrary,
): Pick<FrameworkUnderTest, 'render' | 'cleanup' | 'waitFor' | 'click' | 'byTestId' | 'byText'> {
  return {
    render: (ui) => library.render(ui as never),
    cleanup: () => library.cleanup(),
    waitFor: (check, options) => library.waitFor(check, options),
    click: (element) => void library.fireEvent.click(element),
    byTestId: (id) => library.screen.getByTestId(id),
    byText: (text) => library.screen.getByText(text),
  };
}
