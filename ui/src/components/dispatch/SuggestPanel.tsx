// The core's suggestion for one order: the best candidates with why, and who was left out and why.
import { Card, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Suggestion } from "../../api";
import { useFormat } from "../../i18n/format";
import { explainCandidate, explainReason } from "./explain";

const TOP = 5;

type Props = { suggestion: Suggestion; number: string; skill: string | null; onClose: () => void };

export default function SuggestPanel({ suggestion, number, skill, onClose }: Props) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const top = suggestion.candidates.slice(0, TOP);
  return (
    <Card
      size="small"
      title={t("dispatch.suggest.title", { number })}
      extra={<Typography.Link onClick={onClose}>{t("dispatch.close")}</Typography.Link>}
      data-testid="dispatch-suggestion"
    >
      {top.length === 0 ? (
        <Typography.Text type="secondary">{t("dispatch.suggest.none")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={top}
          rowKey="user_id"
          renderItem={(c, i) => (
            <List.Item data-testid="dispatch-candidate" data-user={c.user_id}>
              <List.Item.Meta
                title={t("dispatch.suggest.rank", { rank: i + 1, name: c.display_name })}
                description={<span data-testid="dispatch-candidate-why">{explainCandidate(t, c.terms, skill, lng)}</span>}
              />
            </List.Item>
          )}
        />
      )}
      {suggestion.not_offered.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t("dispatch.suggest.notOffered")}
          </Typography.Title>
          <List
            size="small"
            dataSource={suggestion.not_offered}
            rowKey="user_id"
            renderItem={(n) => (
              <List.Item data-testid="dispatch-not-offered" data-user={n.user_id}>
                <Typography.Text>
                  {t("dispatch.suggest.reasonLine", { name: n.display_name, reason: explainReason(t, n.reason, skill, lng) })}
                </Typography.Text>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
