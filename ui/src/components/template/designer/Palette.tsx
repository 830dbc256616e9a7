// The field types an admin can add: drag one onto the canvas, or (keyboard, screen readers,
// WebDriver) press its add button to append it to the chosen section.
import { PlusOutlined } from "@ant-design/icons";
import { useDraggable } from "@dnd-kit/core";
import { Button, Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FIELD_TYPES, type FieldType } from "./model";

export const PALETTE_PREFIX = "palette:";

function PaletteItem({ type, onAdd }: { type: FieldType; onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation();
  const { listeners, setNodeRef, isDragging } = useDraggable({ id: `${PALETTE_PREFIX}${type}`, data: { type } });
  const name = t(`designer.type.${type}`);
  return (
    <Flex
      ref={setNodeRef}
      align="center"
      justify="space-between"
      gap={4}
      data-testid={`palette-${type}`}
      style={{ padding: "2px 6px", border: "1px dashed #bbb", borderRadius: 4, cursor: "grab", opacity: isDragging ? 0.5 : 1 }}
    >
      {/* Pointer drag only: keyboard users (and WebDriver) add with the button, which is focusable. */}
      <span onPointerDown={listeners?.onPointerDown as React.PointerEventHandler | undefined} title={t("designer.palette.drag", { type: name })} style={{ flex: 1 }}>
        {name}
      </span>
      <Button
        size="small"
        type="text"
        icon={<PlusOutlined />}
        aria-label={t("designer.palette.add", { type: name })}
        data-testid={`palette-add-${type}`}
        onClick={() => onAdd(type)}
      />
    </Flex>
  );
}

export default function Palette({ onAdd }: { onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("designer.palette.title")} data-testid="designer-palette" style={{ width: 190, flex: "none" }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t("designer.palette.hint")}
      </Typography.Paragraph>
      <Flex vertical gap={4}>
        {FIELD_TYPES.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </Flex>
    </Card>
  );
}
