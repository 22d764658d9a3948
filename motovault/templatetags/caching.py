"""``{% cache_for_user "name" arg... %}…{% endcache_for_user %}``: a fragment of a template kept for the
signed-in user under the same key as any memoized value (release, user, data version, the
template, ``name`` and ``args``). On a hit the fragment's variables are never resolved, so the
lazy values a view passes in are never computed. Never put it around a form: a fragment that
holds a CSRF token is refused."""

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import mark_safe

from motovault.caching import memoize

register = template.Library()


class CacheForUserNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: template.base.FilterExpression, args: list) -> None:
        self.nodelist, self.name, self.args = nodelist, name, args

    def render(self, context: template.Context) -> str:
        user = context["request"].user
        name = f"fragment:{self.origin.template_name}:{self.name.resolve(context)}"

        def render() -> str:
            html = self.nodelist.render(context)
            if "csrfmiddlewaretoken" in html:
                raise ImproperlyConfigured(f"{name} holds a form's CSRF token; it must not be cached.")
            return str(html)

        return mark_safe(memoize(user, name, render, *(self.resolve(arg, context) for arg in self.args)))

    def resolve(self, arg: template.base.FilterExpression, context: template.Context):
        """An argument's value; a name that does not exist (a typo) is an error, never an empty key
        part that would let different fragments share one entry."""
        if isinstance(arg.var, template.Variable):
            try:
                arg.var.resolve(context)
            except template.VariableDoesNotExist as missing:
                raise ImproperlyConfigured(f"{{% cache_for_user %}} varies on an unknown name: {missing}") from None
        return arg.resolve(context)


@register.tag
def cache_for_user(parser: template.base.Parser, token: template.base.Token) -> CacheForUserNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        # A literal name: it labels the cache's metrics too, where no user data may go.
        raise template.TemplateSyntaxError(
            "{% cache_for_user %} takes a quoted name, then what the fragment varies on."
        )
    nodelist = parser.parse(("endcache_for_user",))
    parser.delete_first_token()
    return CacheForUserNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
