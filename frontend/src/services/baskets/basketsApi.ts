import { accountParams } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import { normalizeBasket, normalizeBasketMargin, normalizePlacement } from '../api/normalize';
import type {
  Basket,
  BasketMargin,
  BasketMarginRequest,
  BasketPlacement,
  DeletedBasket,
  SaveBasket,
} from '../api/types';

/** The most orders a basket holds. */
export const MAX_BASKET_ORDERS = 20;

/** The longest basket name the gateway keeps, in characters (after trimming). */
export const MAX_BASKET_NAME = 40;

/**
 * The answer to a write is the basket as stored: the cached list takes it before the write counts as done, rather
 * than being read again, so that what shows next (and a change made right after, a second move say) builds on it. A
 * write that failed reads the baskets again, as they may have changed elsewhere (deleted in another window).
 */
function readAgainAfterFailure(_result: unknown, error: unknown): 'Baskets'[] {
  return error ? ['Baskets'] : [];
}

type Dispatch = (action: unknown) => unknown;

/** Puts what a write answered into the cached list (and the cached basket, when it is one). */
function keep(dispatch: Dispatch, change: (baskets: Basket[]) => Basket[], basket?: Basket): void {
  dispatch(basketsApi.util.updateQueryData('baskets', undefined, change));
  if (basket) {
    dispatch(basketsApi.util.upsertQueryData('basket', basket.id, basket));
  }
}

export const basketsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The signed-in user's baskets, newest first, each with its orders. */
    baskets: build.query<Basket[], void>({
      query: () => '/api/baskets',
      transformResponse: (raw: Basket[] | null) => (raw ?? []).map(normalizeBasket),
      providesTags: ['Baskets'],
    }),
    basket: build.query<Basket, number>({
      query: (id) => `/api/baskets/${id}`,
      transformResponse: (raw: Basket) => normalizeBasket(raw),
      providesTags: ['Baskets'],
    }),
    createBasket: build.mutation<Basket, SaveBasket>({
      queryFn: async (body, api, _extra, baseQuery) => {
        const result = await baseQuery({ url: '/api/baskets', method: 'POST', body });
        if (result.error) {
          return { error: result.error };
        }
        const basket = normalizeBasket(result.data as Basket);
        keep(api.dispatch, (baskets) => [basket, ...baskets], basket);
        return { data: basket };
      },
      invalidatesTags: readAgainAfterFailure,
    }),
    /** Renames a basket and replaces all its orders with those sent. */
    changeBasket: build.mutation<Basket, { id: number; change: SaveBasket }>({
      queryFn: async ({ id, change }, api, _extra, baseQuery) => {
        const result = await baseQuery({ url: `/api/baskets/${id}`, method: 'PUT', body: change });
        if (result.error) {
          return { error: result.error };
        }
        const basket = normalizeBasket(result.data as Basket);
        keep(
          api.dispatch,
          (baskets) => baskets.map((other) => (other.id === id ? basket : other)),
          basket,
        );
        return { data: basket };
      },
      invalidatesTags: readAgainAfterFailure,
    }),
    deleteBasket: build.mutation<DeletedBasket, number>({
      queryFn: async (id, api, _extra, baseQuery) => {
        const result = await baseQuery({ url: `/api/baskets/${id}`, method: 'DELETE' });
        if (result.error) {
          return { error: result.error };
        }
        keep(api.dispatch, (baskets) => baskets.filter((other) => other.id !== id));
        return { data: result.data as DeletedBasket };
      },
      invalidatesTags: readAgainAfterFailure,
    }),
    /** Asks the broker's basket calculator; nothing is placed. A POST, but a read: cached per request. */
    basketMargin: build.query<BasketMargin, BasketMarginRequest>({
      query: (body) => ({ url: '/api/margins/basket', method: 'POST', body }),
      transformResponse: (raw: BasketMargin) => normalizeBasketMargin(raw),
      keepUnusedDataFor: 30,
    }),
    /**
     * Places every order of the basket, buys first; the orders then show on the Orders page and the live socket as
     * any other. `account_id` is needed only where the user has more than one account.
     */
    placeBasket: build.mutation<BasketPlacement, { id: number; account_id?: number }>({
      query: ({ id, account_id }) => ({
        url: `/api/baskets/${id}/orders`,
        method: 'POST',
        ...accountParams(account_id),
      }),
      transformResponse: (raw: BasketPlacement) => normalizePlacement(raw),
      invalidatesTags: ['Orders', 'Funds'],
    }),
  }),
});

export const {
  useBasketsQuery,
  useBasketQuery,
  useCreateBasketMutation,
  useChangeBasketMutation,
  useDeleteBasketMutation,
  useBasketMarginQuery,
  usePlaceBasketMutation,
} = basketsApi;
