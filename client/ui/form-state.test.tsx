import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal, Show } from "solid-js";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FieldProblem } from "../../shared/errors.ts";
import { request } from "../api/request.ts";
import { formatWait } from "../i18n/format.ts";
import { t } from "../i18n/i18n.ts";
import { expectNoAxeViolations } from "../test/axe.ts";
import { jsonAnswer, stubNetwork } from "../test/network.ts";
import { Button } from "./button.tsx";
import { createFormState, type FieldFailure, type FormStateOptions } from "./form-state.ts";
import { FormSummary } from "./form-summary.tsx";
import { checkWithSchema } from "./schema-check.ts";
import { TextField } from "./text-field.tsx";

afterEach(() => vi.unstubAllGlobals());
// Rendered alone, without a Page to name the document: axe asks for a title.
beforeEach(() => {
  document.title = "Form state";
});

const nameMax = 5;
const schema = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(nameMax)),
});

const nameFailure = (problem: FieldProblem["problem"]): FieldFailure => ({
  fieldId: "name",
  text: () => t(`validation.${problem}`, { max: nameMax }),
});

/** A one-field form as the pages build theirs: the schema's check, then the API. */
function NameForm(props: { options?: FormStateOptions; onDone?: () => void }) {
  const [name, setName] = createSignal("");
  const form = createFormState({
    fieldFailure: (f) => (f.field === "name" ? nameFailure(f.problem) : undefined),
    ...props.options,
  });
  const submit = form.handleSubmit(() => {
    const checked = checkWithSchema(schema, { name: name() });
    if (!checked.ok) return form.failFields(checked.problems);
    return form.send(
      () => request({ method: "POST", path: "/api/name", body: checked.output }),
      () => props.onDone?.(),
    );
  });
  return (
    <main>
      <h1>Name</h1>
      <Show when={form.reauth()}>
        <p>Confirm it's you</p>
        <Button onClick={form.retry}>Again</Button>
      </Show>
      <FormSummary form={form} />
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="name"
          name="name"
          label="Name"
          value={name()}
          onInput={setName}
          error={form.messageFor("name")}
        />
        <Button variant="primary" type="submit">
          Save
        </Button>
      </form>
    </main>
  );
}

const field = () => screen.getByLabelText("Name") as HTMLInputElement;
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save" }));
const type = (value: string) => fireEvent.input(field(), { target: { value } });

describe("createFormState", () => {
  it("checks with the shared schema before sending: the summary takes focus, the field is marked", async () => {
    const calls = stubNetwork({});
    render(() => <NameForm />);
    await expectNoAxeViolations();
    save();
    const summary = screen.getByRole("alert");
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain(t("validation.required"));
    expect(field().getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);
    await expectNoAxeViolations();

    // A second failed submit moves focus to the summary again.
    field().focus();
    type("far too long");
    save();
    expect(document.activeElement).toBe(screen.getByRole("alert"));
    expect(screen.getByRole("alert").textContent).toContain(
      t("validation.tooLong", { max: nameMax }),
    );
    expect(calls).toEqual([]);
  });

  it("shows the server's field problems beside the field, and any other as a coded problem", async () => {
    const answers = [
      () =>
        jsonAnswer(422, {
          error: { code: "REQ-302", fields: [{ field: "name", problem: "invalid" }] },
        }),
      () =>
        jsonAnswer(422, {
          error: { code: "REQ-302", fields: [{ field: "other", problem: "invalid" }] },
        }),
    ];
    stubNetwork({ "POST /api/name": () => (answers.shift() as () => Response)() });
    render(() => <NameForm />);
    type("Ana");
    save();
    await waitFor(() => expect(field().getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByRole("alert").textContent).toContain(t("validation.invalid"));
    expect(screen.getByRole("alert").textContent).not.toContain("REQ-302");

    save();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("REQ-302"));
    expect(field().getAttribute("aria-invalid")).toBeNull();
    await expectNoAxeViolations();
  });

  it("says how long to wait when the server asks (429), and clears the problem on success", async () => {
    const answers = [
      () => jsonAnswer(429, { error: { code: "AUTH-105", retryAfterSeconds: 120 } }),
      () => new Response(null, { status: 204 }),
    ];
    stubNetwork({ "POST /api/name": () => (answers.shift() as () => Response)() });
    const done = vi.fn();
    render(() => <NameForm onDone={done} />);
    type("Ana");
    save();
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("AUTH-105");
    expect(summary.textContent).toContain(t("errors.AUTH-105.message"));
    expect(summary.textContent).toContain(t("errorCode.retryAfter", { wait: formatWait(120) }));
    expect(document.activeElement).toBe(summary);
    await expectNoAxeViolations();

    save();
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("turns a code about a field into that field's error, explained when asked", async () => {
    stubNetwork({ "POST /api/name": () => jsonAnswer(409, { error: { code: "AUTH-114" } }) });
    const options: FormStateOptions = {
      codeFailure: (code) =>
        code === "AUTH-114"
          ? {
              fields: [{ fieldId: "name", text: () => t("errors.AUTH-114.message") }],
              explain: true,
            }
          : undefined,
    };
    render(() => <NameForm options={options} />);
    type("Ana");
    save();
    await waitFor(() => expect(field().getAttribute("aria-invalid")).toBe("true"));
    const summary = screen.getByRole("alert");
    expect(summary.querySelector("a[href='#name']")?.textContent).toBe(
      t("errors.AUTH-114.message"),
    );
    // Explained (its action and code) without saying the message twice.
    expect(summary.textContent).toContain("AUTH-114");
    expect(summary.textContent).toContain(t("errors.AUTH-114.action"));
    expect(summary.textContent?.split(t("errors.AUTH-114.message")).length).toBe(2);
  });

  it("lists a summary-only problem without marking its field", async () => {
    stubNetwork({ "POST /api/name": () => jsonAnswer(401, { error: { code: "AUTH-101" } }) });
    const options: FormStateOptions = {
      codeFailure: (code) =>
        code === "AUTH-101"
          ? {
              fields: [
                { fieldId: "name", text: () => t("errors.AUTH-101.message"), summaryOnly: true },
              ],
              explain: true,
            }
          : undefined,
    };
    render(() => <NameForm options={options} />);
    type("Ana");
    save();
    const summary = await screen.findByRole("alert");
    expect(summary.querySelector("a[href='#name']")).not.toBeNull();
    expect(field().getAttribute("aria-invalid")).toBeNull();
  });

  it("sends once while a send is on its way", async () => {
    let answer: (response: Response) => void = () => {};
    const calls = stubNetwork({
      "POST /api/name": () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const done = vi.fn();
    render(() => <NameForm onDone={done} />);
    type("Ana");
    save();
    save();
    await waitFor(() => expect(calls).toHaveLength(1));
    answer(new Response(null, { status: 204 }));
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(calls).toHaveLength(1);
  });

  it("asks for the password again on AUTH-108 when the form may, and sends the same change after", async () => {
    let attempts = 0;
    const calls = stubNetwork({
      "POST /api/name": () =>
        ++attempts === 1
          ? jsonAnswer(401, { error: { code: "AUTH-108" } })
          : new Response(null, { status: 204 }),
    });
    const done = vi.fn();
    render(() => <NameForm options={{ reauthenticate: true }} onDone={done} />);
    type("Ana");
    save();
    await screen.findByText("Confirm it's you");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Again" }));
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(calls.map((c) => c.body)).toEqual([{ name: "Ana" }, { name: "Ana" }]);
    expect(screen.queryByText("Confirm it's you")).toBeNull();
  });

  it("shows AUTH-108 as a problem in a form that cannot ask for the password", async () => {
    stubNetwork({ "POST /api/name": () => jsonAnswer(401, { error: { code: "AUTH-108" } }) });
    render(() => <NameForm />);
    type("Ana");
    save();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("AUTH-108"));
    expect(screen.queryByText("Confirm it's you")).toBeNull();
  });
});
