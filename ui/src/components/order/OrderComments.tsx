// Comments on an order (public ones are meant for the customer) and the form to add one, with
// `@login` completion from the directory: the core notifies whom a comment mentions, or refuses
// it on the comment box when it names someone who may not see the order.
import { Button, Empty, Flex, Form, List, Mentions, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Comment } from "../../api";
import { useFormat } from "../../i18n/format";
import { clearCoreErrors, placeCoreError, sameNames } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";

type Props = {
  orderId: string;
  comments: Comment[];
  onAdded: (comment: Comment) => void;
  onFailed: (e: unknown) => void;
};

type CommentValues = { body: string; public: boolean };

export default function OrderComments({ orderId, comments, onAdded, onFailed }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const directory = useDirectory();
  const [form] = Form.useForm<CommentValues>();
  const [busy, setBusy] = useState(false);

  async function submit(values: CommentValues) {
    setBusy(true);
    clearCoreErrors(form);
    try {
      const comment = await api.orderComment(orderId, { body: values.body, public: values.public });
      form.resetFields();
      onAdded(comment);
    } catch (e) {
      // A refusal naming the comment (a mention of someone who may not see the order) goes on it.
      if (placeCoreError(form, t, e, sameNames(["body"])) !== null) onFailed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16}>
      {comments.length === 0 ? (
        <Empty description={t("comments.empty")} />
      ) : (
        <List
          dataSource={comments}
          rowKey="id"
          renderItem={(c) => (
            <List.Item data-testid="comment">
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center">
                    <span>{directory.user(c.author_id)?.display_name ?? t("history.unknownUser")}</span>
                    <Tag color={c.public ? "green" : "default"}>{t(c.public ? "comments.public" : "comments.internal")}</Tag>
                    <Typography.Text type="secondary">{format.dateTime(c.created_at)}</Typography.Text>
                  </Flex>
                }
                description={<Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{c.body}</Typography.Paragraph>}
              />
            </List.Item>
          )}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ body: "", public: false }} onFinish={submit}>
        <Form.Item
          name="body"
          extra={t("comments.mentionHint")}
          rules={[{ required: true, whitespace: true, message: t("common.required") }]}
        >
          <Mentions
            rows={3}
            prefix="@"
            placeholder={t("comments.placeholder")}
            data-testid="comment-body"
            filterOption={(input, option) => {
              const name = directory.directory.users.find((u) => u.login === option.value)?.display_name ?? "";
              return `${option.value ?? ""} ${name}`.toLowerCase().includes(input.toLowerCase());
            }}
            options={directory.directory.users
              .filter((u) => u.active)
              .map((u) => ({ value: u.login, label: `${u.display_name} (@${u.login})`, key: u.id }))}
          />
        </Form.Item>
        <Flex justify="space-between" align="center">
          <Flex gap={8} align="center">
            <Form.Item name="public" valuePropName="checked" noStyle>
              <Switch size="small" data-testid="comment-public" />
            </Form.Item>
            <Typography.Text>{t("comments.publicSwitch")}</Typography.Text>
          </Flex>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="comment-submit">
            {t("comments.submit")}
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}
