package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// The models' Label methods say their words in English, as the API and
// the logs do; pages say them in the reader's language.

// AnswerKindLabel is a vendor answer's kind in the reader's language.
func AnswerKindLabel(ctx context.Context, k models.AnswerKind) string {
	switch k {
	case models.AnswerAccepted:
		return T(ctx, "answer.kind.accepted")
	case models.AnswerValidated:
		return T(ctx, "answer.kind.validated")
	case models.AnswerNotSent:
		return T(ctx, "answer.kind.not_sent")
	case models.AnswerDailyQuota:
		return T(ctx, "answer.kind.daily_quota")
	case models.AnswerDeviceLimit:
		return T(ctx, "answer.kind.device_limit")
	case models.AnswerTransient:
		return T(ctx, "answer.kind.transient")
	case models.AnswerDeadToken:
		return T(ctx, "answer.kind.dead_token")
	case models.AnswerBadRequest:
		return T(ctx, "answer.kind.bad_request")
	case models.AnswerAuth:
		return T(ctx, "answer.kind.auth")
	}
	return T(ctx, "answer.kind.unknown")
}

// ClassLabel is a message class in the reader's language.
func ClassLabel(ctx context.Context, c models.MessageClass) string {
	t := c.Text()
	return i18n.From(ctx).Say(&t, c.Label())
}

// WebhookKindLabel is a chat platform's name as its users write it.
func WebhookKindLabel(ctx context.Context, k models.WebhookKind) string {
	switch k {
	case models.WebhookFeishu:
		return T(ctx, "errors.words.feishu")
	case models.WebhookDingTalk:
		return T(ctx, "errors.words.dingtalk")
	case models.WebhookWeCom:
		return T(ctx, "errors.words.wecom")
	case models.WebhookSlack:
		return k.Label()
	}
	return T(ctx, "errors.words.generic")
}

// WebhookOutcome is a webhook delivery's outcome, stored in English, in
// the reader's language; the platform's own answer stays as it came.
func WebhookOutcome(ctx context.Context, message string) string {
	return i18n.From(ctx).Recorded(message, "errors.webhook.", "errors.words.")
}

// AuditOutcome is an audit entry's outcome ("ok", "refused: why",
// "failed: why"), stored in English, in the reader's language; the why
// is read back like an error message.
func AuditOutcome(ctx context.Context, outcome string) string {
	return i18n.From(ctx).Recorded(outcome, "audit.outcome.", "errors.", "rest.vendor.")
}
