'use client';

import { useState } from 'react';
import { ApiError } from '@/lib/client/api';
import { useDecide } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Field, Textarea, described } from '@/components/ui/field';
import { Card } from '@/components/ui/page-header';
import { useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

/**
 * Approve or reject. Rejecting needs a comment: checked here before
 * sending, and by the API (400 on `comment`) for any other client. A 409
 * (someone decided first) is said in words; the page then reloads the
 * request, which shows the decision that stands.
 */
export type Outcome = 'approved' | 'rejected' | 'conflict';

export function DecisionForm({ id, onOutcome }: { id: number; onOutcome: (o: Outcome) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const decide = useDecide(id);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const send = (status: 1 | 2) => {
    if (status === 2 && !comment.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    decide.mutate({ status, comment: comment.trim() }, {
      onSuccess: () => onOutcome(status === 1 ? 'approved' : 'rejected'),
      // The refetch that follows shows the decision that stands; this form goes away with it, so the page says why.
      onError: (e) => { if (e instanceof ApiError && e.status === 409) onOutcome('conflict'); },
    });
  };
  const err = decide.error;
  const fieldError = missing ? t('deployQueue.commentRequired') : err instanceof ApiError ? err.fields.comment : undefined;
  return (
    <Card title={t('deployQueue.decision')}>
      <div className="space-y-3">
        <Field id="decision-comment" label={t('deployQueue.decisionComment')} hint={t('deployQueue.decisionHint')} error={fieldError}>
          <Textarea {...described('decision-comment', fieldError, true)} value={comment} maxLength={1024} onChange={(e) => setComment(e.target.value)} />
        </Field>
        {err && !(err instanceof ApiError && err.status === 409) && !fieldError ? <Notice>{errorText(err)}</Notice> : null}
        <div className="flex justify-end gap-2">
          <Button variant="danger" disabled={decide.isPending} onClick={() => send(2)}>{decide.isPending && decide.variables?.status === 2 ? t('deployQueue.rejecting') : t('deployQueue.reject')}</Button>
          <Button variant="primary" disabled={decide.isPending} onClick={() => send(1)}>{decide.isPending && decide.variables?.status === 1 ? t('deployQueue.approving') : t('deployQueue.approve')}</Button>
        </div>
      </div>
    </Card>
  );
}
