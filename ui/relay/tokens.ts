/**
 * Redaction tokens as each reader's language says them. The stored token stays language-neutral
 * ("[email]", "[phone]", "[card]": core/relay/redaction.ts DEFAULT_REDACTION_TOKENS): one stored
 * text is read by English and French readers alike, by the job and by search, and the capture form
 * and the job must produce the same text from the same words. Views only swap the token for its label.
 */
import { DEFAULT_REDACTION_TOKENS, RedactionKind } from '../../core/relay/redaction';

export interface TokenLabels {
  TokenEmail: string;
  TokenPhone: string;
  TokenCard: string;
  TokenIban: string;
  TokenNationalId: string;
}

const KEYS: Record<RedactionKind, keyof TokenLabels> = {
  email: 'TokenEmail', phone: 'TokenPhone', paymentCard: 'TokenCard', iban: 'TokenIban', nationalId: 'TokenNationalId'
};

/** The text with every stored redaction token replaced by its label in the reader's language. */
export function localizeTokens(text: string, labels: TokenLabels): string {
  let out = text;
  for (const kind of Object.keys(KEYS) as RedactionKind[]) {
    const token = DEFAULT_REDACTION_TOKENS[kind];
    const label = labels[KEYS[kind]];
    if (label && label !== token) out = out.split(token).join(label);
  }
  return out;
}
