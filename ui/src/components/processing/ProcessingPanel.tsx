// The detail's "people & links" tab: collaborators and linked orders, as order_processing says.
import { Alert, Flex, Spin } from "antd";
import { useTranslation } from "react-i18next";
import type { OrderProcessing } from "../../api";
import { messageOf } from "../../i18n/errors";
import CollaboratorsPanel from "./CollaboratorsPanel";
import LinksPanel from "./LinksPanel";

type Props = {
  processing: OrderProcessing | null;
  error: unknown;
  onChanged: (processing: OrderProcessing) => void;
  onOpenOrder?: (idOrNumber: string) => void;
};

export default function ProcessingPanel({ processing, error, onChanged, onOpenOrder }: Props) {
  const { t } = useTranslation();
  if (processing === null) {
    return error !== null ? <Alert type="error" showIcon message={messageOf(t, error)} /> : <Spin />;
  }
  return (
    <Flex vertical gap={24}>
      <CollaboratorsPanel processing={processing} onChanged={onChanged} />
      <LinksPanel processing={processing} onChanged={onChanged} onOpenOrder={onOpenOrder} />
    </Flex>
  );
}
