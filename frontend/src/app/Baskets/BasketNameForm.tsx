import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../../services/api/errors';
import type { Basket } from '../../services/api/types';
import {
  MAX_BASKET_NAME,
  useChangeBasketMutation,
  useCreateBasketMutation,
} from '../../services/baskets/basketsApi';
import {
  basketItemRequest,
  basketNameError,
  basketNameRefusal,
} from '../../services/baskets/validation';
import { Dialog, DialogError, DialogFooter, DialogHeader } from '../common/Dialog';
import { Field } from '../common/Field';
import { inputClass } from '../common/States';
import { formFields } from '../common/fields';

/**
 * A basket's name: a new basket's (it starts empty) or a new name for `basket` (its orders stay as they are). The
 * name is checked before sending: 1 to 40 characters, none of the user's other baskets named the same.
 */
export function BasketNameForm({
  basket,
  baskets,
  onSaved,
  onClose,
}: {
  basket?: Basket;
  /** The user's baskets, whose names a new name must not repeat. */
  baskets: Basket[];
  onSaved: (basket: Basket) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(basket?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [create, creating] = useCreateBasketMutation();
  const [change, changing] = useChangeBasketMutation();
  const busy = creating.isLoading || changing.isLoading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const problem = basketNameError(name, baskets, basket?.id);
    setError(problem);
    if (problem) {
      return;
    }
    const response = basket
      ? await change({
          id: basket.id,
          change: { name: name.trim(), items: basket.items.map(basketItemRequest) },
        })
      : await create({ name: name.trim() });
    if ('error' in response) {
      const refused = basketNameRefusal(response.error);
      if (refused) {
        setError(refused);
      } else {
        setFailure(describeError(response.error));
      }
      return;
    }
    onSaved(response.data);
    onClose();
  };

  const fields = formFields<'name'>(id, error ? { name: error } : {});
  const countId = `${fields.fieldId('name')}-count`;
  const title = basket ? `Rename ${basket.name}` : 'New basket';
  const length = name.trim().length;
  return (
    <Dialog label={title} size="sm" onClose={onClose}>
      <DialogHeader title={title}>
        <p className="text-xs text-slate-300">
          {basket
            ? 'Its orders stay as they are.'
            : 'A named list of up to 20 orders, priced together and placed in one go.'}
        </p>
      </DialogHeader>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="p-4" data-testid="basket-name">
          <Field label="Name" {...fields.field('name')}>
            <input
              {...fields.control('name', countId)}
              name="name"
              className={inputClass}
              autoFocus
              value={name}
              placeholder="e.g. Nifty hedge"
              onChange={(event) => setName(event.target.value)}
            />
            <span
              id={countId}
              className={length > MAX_BASKET_NAME ? 'text-rose-300' : 'text-slate-500'}
            >
              {length}/{MAX_BASKET_NAME} characters
            </span>
          </Field>
        </div>
        {failure && <DialogError>{failure}</DialogError>}
        <DialogFooter onClose={onClose}>
          <button
            type="submit"
            data-testid="basket-name-submit"
            disabled={busy}
            className="rounded bg-sky-600 px-4 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
          >
            {busy ? 'Saving…' : basket ? 'Rename' : 'Create'}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
