// The designer's working area: palette, canvas and property panel under one drag-and-drop
// context. Dropping a palette type adds a field where it lands; dropping a field moves it,
// within its section or into another one.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Active,
  type DragEndEvent,
  type Over,
  type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldDef, Names, TemplateDef } from "../../../api";
import i18n from "../../../i18n";
import { textIn } from "../names";
import Canvas, { FIELD_PREFIX, SECTION_PREFIX } from "./Canvas";
import FieldProperties from "./FieldProperties";
import { insertField, moveField, newField, removeField, replaceField, type FieldType } from "./model";
import Palette, { PALETTE_PREFIX } from "./Palette";
import { scoped, type Refusal } from "./refusal";

type Props = {
  definition: TemplateDef;
  onChange: (def: TemplateDef) => void;
  selected: string | null;
  onSelect: (key: string | null) => void;
  refusal: Refusal | null;
};

/** A designer text in each of the template's languages, whatever the UI speaks. */
function names(key: string, options: Record<string, unknown> = {}): Names {
  const text = (lng: string) => i18n.getFixedT(lng)(key, options);
  return { en: text("en"), zh_cn: text("zh-CN"), es: text("es") };
}

/** Where a drop over `overId` lands: the section, and the position among its other fields. */
function dropPlace(def: TemplateDef, overId: string, moving: string | null): { section: string; index: number } | null {
  if (overId.startsWith(SECTION_PREFIX)) {
    const section = overId.slice(SECTION_PREFIX.length);
    return { section, index: def.fields.filter((f) => f.section === section && f.key !== moving).length };
  }
  if (!overId.startsWith(FIELD_PREFIX)) return null;
  const target = def.fields.find((f) => f.key === overId.slice(FIELD_PREFIX.length));
  if (!target) return null;
  const siblings = def.fields.filter((f) => f.section === target.section);
  const index = siblings.indexOf(target);
  // Within one section the moved field takes the target's place (as arrayMove does); into
  // another section it goes before the target.
  return { section: target.section, index };
}

export default function FormBoard({ definition, onChange, selected, onSelect, refusal }: Props) {
  const { t, i18n: ui } = useTranslation();
  const [activeSection, setActiveSection] = useState(definition.sections[0]?.key ?? "");
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const section = definition.sections.some((s) => s.key === activeSection) ? activeSection : (definition.sections[0]?.key ?? "");

  function add(type: FieldType, into: string = section, index?: number) {
    const field = newField(definition, type, into, names(`designer.type.${type}`), (n) => names("designer.field.optionN", { n }));
    const at = index ?? definition.fields.filter((f) => f.section === into).length;
    onChange({ ...definition, fields: insertField(definition.fields, field, at) });
    onSelect(field.key);
  }

  function moveBy(key: string, delta: -1 | 1) {
    const field = definition.fields.find((f) => f.key === key);
    if (!field) return;
    const siblings = definition.fields.filter((f) => f.section === field.section);
    onChange({ ...definition, fields: moveField(definition.fields, key, field.section, siblings.indexOf(field) + delta) });
  }

  function dragEnd({ active, over }: DragEndEvent) {
    setDragging(null);
    if (!over) return;
    const activeId = String(active.id);
    if (activeId.startsWith(PALETTE_PREFIX)) {
      const place = dropPlace(definition, String(over.id), null);
      if (place) add(activeId.slice(PALETTE_PREFIX.length) as FieldType, place.section, place.index);
      return;
    }
    const key = activeId.slice(FIELD_PREFIX.length);
    const place = dropPlace(definition, String(over.id), key);
    if (place) onChange({ ...definition, fields: moveField(definition.fields, key, place.section, place.index) });
  }

  // What dnd-kit tells screen readers, in the UI's language.
  const nameOf = (id: string | number | undefined): string => {
    const text = String(id ?? "");
    if (text.startsWith(PALETTE_PREFIX)) return t(`designer.type.${text.slice(PALETTE_PREFIX.length)}`);
    if (text.startsWith(SECTION_PREFIX)) {
      const s = definition.sections.find((x) => x.key === text.slice(SECTION_PREFIX.length));
      return s ? textIn(s.names, ui.language) || s.key : text;
    }
    const f = definition.fields.find((x) => x.key === text.slice(FIELD_PREFIX.length));
    return f ? textIn(f.labels, ui.language) || f.key : text;
  };
  const accessibility = {
    screenReaderInstructions: { draggable: t("designer.dnd.instructions") },
    announcements: {
      onDragStart: ({ active }: { active: Active }) => t("designer.dnd.picked", { item: nameOf(active.id) }),
      onDragOver: ({ active, over }: { active: Active; over: Over | null }) =>
        over ? t("designer.dnd.over", { item: nameOf(active.id), target: nameOf(over.id) }) : t("designer.dnd.nowhere", { item: nameOf(active.id) }),
      onDragEnd: ({ active, over }: { active: Active; over: Over | null }) =>
        over ? t("designer.dnd.dropped", { item: nameOf(active.id), target: nameOf(over.id) }) : t("designer.dnd.cancelled", { item: nameOf(active.id) }),
      onDragCancel: ({ active }: { active: Active }) => t("designer.dnd.cancelled", { item: nameOf(active.id) }),
    },
  };

  const index = definition.fields.findIndex((f) => f.key === selected);
  const field: FieldDef | null = index >= 0 ? definition.fields[index] : null;
  const refusedField = refusal?.place.at === "field" ? refusal.place.index : null;

  return (
    <DndContext
      sensors={sensors}
      accessibility={accessibility}
      collisionDetection={closestCorners}
      onDragStart={({ active }: DragStartEvent) => setDragging(String(active.id))}
      onDragCancel={() => setDragging(null)}
      onDragEnd={dragEnd}
    >
      <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }}>
        <Palette onAdd={(type) => add(type)} />
        <Canvas
          definition={definition}
          selected={selected}
          activeSection={section}
          refusedField={refusedField}
          onSelect={onSelect}
          onActivateSection={setActiveSection}
          onMove={moveBy}
          onRemove={(key) => {
            onChange(removeField(definition, key));
            if (selected === key) onSelect(null);
          }}
        />
        <FieldProperties
          key={index}
          field={field}
          sections={definition.sections}
          errorAt={scoped(refusal, "field", index)}
          onChange={(next) => {
            onChange(replaceField(definition, index, next));
            if (next.key !== field?.key) onSelect(next.key);
          }}
        />
      </div>
      {/* A palette type needs something to carry; a dragged field moves itself (sortable). */}
      {dragging?.startsWith(PALETTE_PREFIX) && (
        <DragOverlay>
          <Tag color="blue">{t(`designer.type.${dragging.slice(PALETTE_PREFIX.length)}`)}</Tag>
        </DragOverlay>
      )}
    </DndContext>
  );
}
