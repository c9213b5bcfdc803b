import { NotFoundMessage } from '@/app/_components/not-found-message';

// Inside this layout's main landmark: the page says only that it was not found.
export default function NotFound() {
  return <NotFoundMessage />;
}
