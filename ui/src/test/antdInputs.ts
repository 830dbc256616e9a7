// Driving antd's pop-up inputs in jsdom: their options render outside the input, in a portal.
import { waitFor } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { expect } from "vitest";

async function visible(selector: string): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    const all = [...document.querySelectorAll<HTMLElement>(selector)];
    // Closed dropdowns stay in the DOM, hidden; the open one is the last rendered.
    found = all.filter((el) => !el.closest(".ant-select-dropdown-hidden, .ant-cascader-dropdown-hidden")).at(-1) ?? null;
    expect(found).not.toBeNull();
  });
  return found!;
}

/** Opens the Select inside `container` and clicks the option labelled `label`. */
export async function chooseOption(user: UserEvent, container: HTMLElement, label: string): Promise<void> {
  const combobox = container.querySelector<HTMLElement>("[role=combobox]");
  if (!combobox) throw new Error("no combobox");
  await user.click(combobox);
  await user.click(await visible(`.ant-select-item-option[title="${label}"]`));
}

/** Opens the Cascader inside `container` and clicks down the path of labels. */
export async function chooseCascade(user: UserEvent, container: HTMLElement, labels: string[]): Promise<void> {
  const combobox = container.querySelector<HTMLElement>("[role=combobox]");
  if (!combobox) throw new Error("no combobox");
  await user.click(combobox);
  for (const label of labels) {
    await user.click(await visible(`.ant-cascader-menu-item[title="${label}"]`));
  }
}
