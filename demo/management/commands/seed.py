import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.management.commands.ensure_demo_user import DEMO_USERNAME
from demo.seed import BENCH_USERNAME, SCALES, seed_bench, seed_demo


class Command(BaseCommand):
    help = "Seed deterministic data: the demo account's garage (--demo) or the benchmark's state (--bench)."

    def add_arguments(self, parser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--demo", action="store_true", help=f"four vehicles (one sold) for the '{DEMO_USERNAME}' account"
        )
        group.add_argument("--bench", action="store_true", help="one huge garage and many other users")
        parser.add_argument("--scale", choices=sorted(SCALES), default="full")

    def handle(self, *args, demo: bool, bench: bool, scale: str, **options) -> None:
        started = time.perf_counter()
        if demo:
            user = get_user_model().objects.filter(username=DEMO_USERNAME).first()
            if user is None:
                raise CommandError("No demo account: run `manage.py ensure_demo_user` first.")
            fillups = seed_demo(user=user)
            if not fillups:
                self.stdout.write("The demo garage is already there.")
                return
            what = f"the demo garage: 4 vehicles (one sold), {fillups:,} fill-ups and charges"
        else:
            if get_user_model().objects.filter(username=BENCH_USERNAME).exists():
                raise CommandError("The benchmark state exists already; seed an empty database.")
            users, fillups = seed_bench(scale=SCALES[scale])
            what = f"the {scale} benchmark state: {users:,} users, {fillups:,} fill-ups"
        self.stdout.write(self.style.SUCCESS(f"Seeded {what} in {time.perf_counter() - started:.1f} s."))
