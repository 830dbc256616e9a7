// The template under design and its life with the core: edits mark it unsaved, save keeps it
// as a draft version, publish makes it the version new orders use. A refusal is kept with the
// place it names so the editors can show it there.
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type StoredTemplate, type TemplateDef } from "../../../api";
import { errorMessage } from "../../../i18n/errors";
import { placeOf } from "./model";
import type { Refusal } from "./refusal";

type Options = {
  definition: TemplateDef;
  stored: StoredTemplate | null;
  latest: number | null;
  /** Told after each save or publish. */
  onChanged: () => void;
  /** Told of a save or publish refusal, to bring its place into view. */
  onRefused: (refusal: Refusal) => void;
};

export function useDraft({ definition: initial, stored: initialStored, latest: initialLatest, onChanged, onRefused }: Options) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [definition, setDefinition] = useState(initial);
  const [stored, setStored] = useState(initialStored);
  const [latest, setLatest] = useState(initialLatest);
  const [dirty, setDirty] = useState(initialStored === null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after each save or publish, so the versions list is read again.
  const [revision, setRevision] = useState(0);

  function edit(next: TemplateDef) {
    setDefinition(next);
    setDirty(true);
  }

  function refusalOf(e: unknown): Refusal {
    const error = appErrorOf(e);
    return { place: placeOf(error.field), message: errorMessage(t, error) };
  }

  function refused(e: unknown) {
    const r = refusalOf(e);
    setRefusal(r);
    onRefused(r);
  }

  function savedAs(s: StoredTemplate) {
    setStored(s);
    setLatest((l) => Math.max(l ?? 0, s.version));
    setRevision((r) => r + 1);
    setRefusal(null);
    onChanged();
  }

  async function saveDraft(): Promise<StoredTemplate | null> {
    try {
      const s = await api.templateDraftSave(definition);
      setDirty(false);
      savedAs(s);
      return s;
    } catch (e) {
      refused(e);
      return null;
    }
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      const s = await saveDraft();
      if (s) void message.success(t("designer.savedDraft", { version: s.version }));
    });

  const publish = () =>
    run(async () => {
      // Unsaved edits are what the admin means to publish: they become the draft first.
      if (dirty && !(await saveDraft())) return;
      try {
        const s = await api.templatePublish(definition.key);
        savedAs(s);
        void message.success(t("designer.published", { version: s.version }));
      } catch (e) {
        refused(e);
      }
    });

  /** The preview's verdict on the definition: null when the core accepts it. */
  const previewVerdict = (e: unknown) => setRefusal(e === null ? null : refusalOf(e));

  return { definition, stored, latest, dirty, refusal, busy, revision, edit, save, publish, previewVerdict };
}
