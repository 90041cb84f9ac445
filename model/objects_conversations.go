package model

import "context"

// MessengerConversations is what the root object offers for conversations
// beyond InstantMessage; Messenger embeds it.
type MessengerConversations interface {
	StartConversation(ctx context.Context, t CONVERSATION_TYPE, participants Variant, o StartConversationOptions) (Variant, error)
	StartVoice(ctx context.Context, vContact Variant) (ConversationWnd, error)
	Phone(ctx context.Context, vContact Variant, t MPHONE_TYPE, number Variant) (ConversationWnd, error)
	SendFile(ctx context.Context, vContact Variant, fileName string) (ConversationWnd, error)
}

// ConversationWndAdvanced is IMessengerConversationWndAdvanced's addition
// to a conversation window.
type ConversationWndAdvanced interface {
	SendText(ctx context.Context, text string) error
}
